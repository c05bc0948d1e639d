// Seeds call detail records straight into a running stack's database, for the history benchmark
// and the history search test (the app server has already migrated it; SQLite in WAL mode takes a second writer): `count` finished meetings over the past
// months in a handful of rooms, each with the viewer and two or three others as legs, in the same
// tables and shapes the webhook ingest writes (server/src/cdr/cdr-store.ts).
import { randomUUID } from 'node:crypto';
import type { CdrLegsTable, CdrSessionsTable } from '../../server/src/cdr/tables.js';
import { openDatabase } from '../../server/src/db/database.js';

export interface SeedPerson {
  /** The leg's identity: a user id for users of the app. */
  id: string;
  name: string;
}

const OTHERS = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Ken Thompson',
];
const CHUNK = 500;

export interface SeedOptions {
  dataDir: string;
  /** The user whose history is measured: a leg of theirs in every meeting. */
  viewer: SeedPerson;
  roomIds: string[];
  count: number;
  /** Meeting number (0 = newest) → who else was there, instead of the generated others. */
  others?: ReadonlyMap<number, SeedPerson[]>;
}

export async function seedMeetings(opts: SeedOptions): Promise<void> {
  const database = await openDatabase({ dataDir: opts.dataDir });
  try {
    const now = Date.now();
    const sessions: CdrSessionsTable[] = [];
    const legs: CdrLegsTable[] = [];
    for (let i = 0; i < opts.count; i++) {
      // About one meeting every 40 minutes, going back in time; 5–65 minutes long.
      const startedAt = now - 3_600_000 - i * 2_400_000;
      const endedAt = startedAt + (5 + (i % 61)) * 60_000;
      const id = randomUUID();
      const roomName = opts.roomIds[i % opts.roomIds.length] ?? 'bench-room';
      const generated = OTHERS.slice(i % 4, (i % 4) + 2 + (i % 2)).map((name) => ({ id: `u-${name}`, name }));
      const people = [opts.viewer, ...(opts.others?.get(i) ?? generated)];
      sessions.push({
        id,
        room_sid: `RM_bench_${i}`,
        room_name: roomName,
        started_at: startedAt,
        ended_at: endedAt,
        peak_participants: people.length,
        started_inferred: 0,
        ended_inferred: 0,
      });
      people.forEach((person, n) =>
        legs.push({
          id: randomUUID(),
          session_id: id,
          participant_sid: `PA_bench_${i}_${n}`,
          identity: person.id,
          name: person.name,
          role: n === 0 ? 'host' : 'participant',
          joined_at: startedAt + n * 30_000,
          left_at: endedAt - n * 15_000,
          address: null,
          user_agent: null,
          tracks: '["camera","microphone"]',
          joined_inferred: 0,
          left_inferred: 0,
        }),
      );
    }
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < sessions.length; i += CHUNK) {
        await trx
          .insertInto('cdr_sessions')
          .values(sessions.slice(i, i + CHUNK))
          .execute();
      }
      for (let i = 0; i < legs.length; i += CHUNK) {
        await trx
          .insertInto('cdr_legs')
          .values(legs.slice(i, i + CHUNK))
          .execute();
      }
    });
  } finally {
    await database.close();
  }
}

export async function userByName(dataDir: string, username: string): Promise<SeedPerson> {
  const database = await openDatabase({ dataDir });
  try {
    const row = await database.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.display_name };
  } finally {
    await database.close();
  }
}
