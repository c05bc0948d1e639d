// The rooms and room_members tables.
import type { Kysely } from 'kysely';
import type { Role } from '../../../common/api.js';
import type { RoomMemberRow, RoomRow, Tables } from '../db/schema.js';

export interface MemberView {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
}

export class RoomStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(row: RoomRow): Promise<void> {
    await this.db.insertInto('rooms').values(row).execute();
  }

  findById(id: string): Promise<RoomRow | undefined> {
    return this.db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Rooms are addressed by id or by slug in URLs; both are unique. */
  findByIdOrSlug(idOrSlug: string): Promise<RoomRow | undefined> {
    return this.db
      .selectFrom('rooms')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
      .executeTakeFirst();
  }

  /** The room (by id or slug) and the user's member role in it, in one query. */
  async findWithMemberRole(
    idOrSlug: string,
    userId: string,
  ): Promise<{ room: RoomRow; memberRole: Role | null } | undefined> {
    const row = await this.db
      .selectFrom('rooms')
      .leftJoin('room_members', (join) =>
        join.onRef('room_members.room_id', '=', 'rooms.id').on('room_members.user_id', '=', userId),
      )
      .selectAll('rooms')
      .select('room_members.role as member_role')
      .where((eb) => eb.or([eb('rooms.id', '=', idOrSlug), eb('rooms.slug', '=', idOrSlug)]))
      .executeTakeFirst();
    if (!row) return undefined;
    const { member_role, ...room } = row;
    return { room, memberRole: member_role };
  }

  async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
    let query = this.db.selectFrom('rooms').select('id').where('slug', '=', slug);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  /** Rooms the user owns or is a member of, with the member role (null for the owner). A call's
   *  own room is left out: it is the call's, shown in the call history, not one of "my rooms". */
  async listForUser(userId: string): Promise<Array<RoomRow & { member_role: Role | null }>> {
    const rows = await this.db
      .selectFrom('rooms')
      .leftJoin('room_members', (join) =>
        join.onRef('room_members.room_id', '=', 'rooms.id').on('room_members.user_id', '=', userId),
      )
      .selectAll('rooms')
      .select('room_members.role as member_role')
      .where((eb) => eb.or([eb('rooms.owner_id', '=', userId), eb('room_members.user_id', '=', userId)]))
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('calls').select('calls.id').whereRef('calls.room_id', '=', 'rooms.id')),
        ),
      )
      .orderBy('rooms.created_at', 'desc')
      .execute();
    return rows;
  }

  async update(id: string, values: Partial<Omit<RoomRow, 'id' | 'owner_id' | 'created_at'>>): Promise<void> {
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable('rooms').set(values).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('rooms').where('id', '=', id).execute();
  }

  listMembers(roomId: string): Promise<MemberView[]> {
    return this.db
      .selectFrom('room_members')
      .innerJoin('users', 'users.id', 'room_members.user_id')
      .select([
        'room_members.user_id as userId',
        'users.username as username',
        'users.display_name as displayName',
        'room_members.role as role',
      ])
      .where('room_members.room_id', '=', roomId)
      .orderBy('users.username')
      .execute();
  }

  /** Adds a member or changes their role. */
  async upsertMember(member: RoomMemberRow): Promise<void> {
    await this.db
      .insertInto('room_members')
      .values(member)
      .onConflict((oc) => oc.columns(['room_id', 'user_id']).doUpdateSet({ role: member.role }))
      .execute();
  }

  async removeMember(roomId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('room_members')
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
