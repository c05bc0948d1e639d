// The directory and presence. Effective presence: offline without a live push connection (one on
// an app-server instance whose lease is live: push/instance-lease.ts); else do-not-disturb if
// chosen; else in a meeting if a client says so; else available.
import { sql, type Expression, type Kysely } from 'kysely';
import type { Person, Presence } from '../../../common/people.js';
import type { Tables } from '../db/schema.js';

export interface PresenceState {
  status: 'available' | 'dnd';
  inMeeting: boolean;
  online: boolean;
}

export function effectivePresence(state: PresenceState): Presence {
  if (!state.online) return 'offline';
  if (state.status === 'dnd') return 'dnd';
  return state.inMeeting ? 'in-meeting' : 'available';
}

/** LIKE wildcards in a search are literal characters. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export class PeopleStore {
  constructor(
    private readonly db: Kysely<Tables>,
    /** Connections count on instances whose lease was renewed after this (ConnectionRegistry;
     *  a time on the database's clock). */
    private readonly liveSince: () => Expression<number>,
  ) {}

  private withPresence() {
    const liveSince = this.liveSince();
    return this.db
      .selectFrom('users as u')
      .leftJoin('user_presence as p', 'p.user_id', 'u.id')
      .select(['u.id', 'u.username', 'u.display_name', 'p.status', 'p.in_meeting'])
      .select(({ exists, selectFrom }) =>
        exists(
          selectFrom('push_connections as c')
            .innerJoin('push_instances as i', 'i.id', 'c.instance_id')
            .select('c.id')
            .whereRef('c.user_id', '=', 'u.id')
            .where('i.seen_at', '>', liveSince),
        ).as('online'),
      )
      .where('u.disabled', '=', 0);
  }

  /** Colleagues (not the viewer) whose username or a word of whose name starts with `q`. */
  async search(viewerId: string, q: string | undefined, limit: number): Promise<Person[]> {
    let query = this.withPresence().where('u.id', '!=', viewerId);
    if (q) {
      const prefix = `${escapeLike(q.toLowerCase())}%`;
      // SQLite has no default LIKE escape character; PostgreSQL's is the backslash. Say it.
      const like = (column: 'u.username' | 'u.display_name', pattern: string) =>
        sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      query = query.where((eb) =>
        eb.or([
          like('u.username', prefix),
          like('u.display_name', prefix),
          like('u.display_name', `% ${prefix}`),
        ]),
      );
    }
    const rows = await query.orderBy('u.display_name').orderBy('u.id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      presence: effectivePresence(this.state(r)),
    }));
  }

  async presenceOf(userIds: readonly string[]): Promise<Map<string, PresenceState>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.withPresence().where('u.id', 'in', userIds).execute();
    return new Map(rows.map((r) => [r.id, this.state(r)]));
  }

  async set(userId: string, change: { status?: 'available' | 'dnd'; inMeeting?: boolean }): Promise<void> {
    const now = Date.now();
    const values = {
      ...(change.status ? { status: change.status } : {}),
      ...(change.inMeeting !== undefined ? { in_meeting: change.inMeeting ? 1 : 0 } : {}),
    };
    await this.db
      .insertInto('user_presence')
      .values({
        user_id: userId,
        updated_at: now,
        status: 'available',
        in_meeting: 0,
        missed_seen_at: 0,
        ...values,
      })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, updated_at: now }))
      .execute();
  }

  private state(row: { status: string | null; in_meeting: number | null; online: unknown }): PresenceState {
    return {
      status: row.status === 'dnd' ? 'dnd' : 'available',
      inMeeting: row.in_meeting === 1,
      // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
      online: row.online === true || row.online === 1,
    };
  }
}
