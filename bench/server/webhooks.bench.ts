// LiveKit webhooks into the app server: autocannon on loopback posts correctly signed,
// LiveKit-style events (unique ids, realistic meetings) at the real app server of a test stack,
// once on SQLite and once on PostgreSQL. Prints events/s, p50 and p99, and counts stored rows
// to prove that none was lost. Target: 5,000 events/s.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { TrackSource } from 'livekit-server-sdk';
import { startStack } from '../../scripts/stack/stack.js';
import { openDatabase, type DialectName } from '../../server/src/db/database.js';
import { createTestDatabase } from '../../test/support/databases.js';
import { signWebhook, webhookBody, type SimpleEvent } from '../../test/support/livekit-webhooks.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PER_ROOM = 10;
const TARGET = 5_000;

/** Meetings of PER_ROOM people: start, joins, a track each, leaves, finish (32 events a room). */
function meetingEvents(count: number, runId: string): SimpleEvent[] {
  const events: SimpleEvent[] = [];
  const t = Math.floor(Date.now() / 1000);
  for (let r = 0; events.length < count; r += 1) {
    const room = { sid: `RM_${runId}_${r}`, name: `bench-${runId}-${r}`, creationTimeMs: t * 1000 };
    const people = Array.from({ length: PER_ROOM }, (_, p) => ({
      sid: `PA_${runId}_${r}_${p}`,
      identity: `user-${p}`,
      joinedAtMs: (t + p) * 1000,
    }));
    events.push({ event: 'room_started', createdAtSeconds: t, room });
    for (const participant of people) {
      events.push({ event: 'participant_joined', createdAtSeconds: t, room, participant });
    }
    for (const participant of people) {
      const track = { sid: `TR_${participant.sid}`, source: TrackSource.MICROPHONE };
      events.push({ event: 'track_published', createdAtSeconds: t, room, participant, track });
    }
    for (const participant of people) {
      events.push({ event: 'participant_left', createdAtSeconds: t + 60, room, participant });
    }
    events.push({ event: 'room_finished', createdAtSeconds: t + 61, room });
  }
  return events.slice(0, count).map((e, i) => ({ ...e, id: `EV_${runId}_${i}` }));
}

/**
 * CPU seconds (user + system) used so far by the process listening on `port`, or null where
 * /proc and `ss` are not available. The machine is shared, so events per CPU second of the app
 * server is the figure that does not depend on what else runs.
 */
function cpuSecondsOfListener(port: string): number | null {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    if (!pid) return null;
    // Fields 14 and 15 of /proc/<pid>/stat are utime and stime in clock ticks (100 per second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

async function run(dialect: DialectName): Promise<boolean> {
  const testDb = await createTestDatabase(dialect);
  const stack = await startStack({
    mode: 'test',
    appEnv: { ...testDb.env, CONVENE_LOG_LEVEL: 'warn' },
  });
  try {
    const runId = Math.random().toString(36).slice(2, 8);
    const signed = await Promise.all(
      meetingEvents(EVENTS, runId).map(async (e) => {
        const body = webhookBody(e);
        return { body, authorization: await signWebhook(body, stack.keys.apiKey, stack.keys.apiSecret) };
      }),
    );
    let next = 0;
    const appPort = new URL(stack.appUrl).port;
    const cpuBefore = cpuSecondsOfListener(appPort);
    const loadBefore = loadAverage();
    const result = await autocannon({
      url: `${stack.appUrl}/webhooks/livekit`,
      connections: CONNECTIONS,
      amount: signed.length,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const item = signed[next++ % signed.length]!;
            return {
              ...req,
              body: item.body,
              headers: { 'content-type': 'application/webhook+json', authorization: item.authorization },
            };
          },
        },
      ],
    });
    const cpuAfter = cpuSecondsOfListener(appPort);
    const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
    const database =
      dialect === 'sqlite' ? await openDatabase({ dataDir: stack.dataDir }) : await testDb.open();
    const stored = await database.db
      .selectFrom('livekit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'like', `EV_${runId}_%`)
      .executeTakeFirstOrThrow();
    const sessions = await database.db
      .selectFrom('cdr_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_sid', 'like', `RM_${runId}_%`)
      .executeTakeFirstOrThrow();
    await database.close();

    const perSecond = result['2xx'] / result.duration;
    const lost = signed.length - Number(stored.n);
    console.log(
      `${dialect.padEnd(8)} ${signed.length} events, ${CONNECTIONS} connections: ` +
        `${Math.round(perSecond)} events/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
        `2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; ` +
        `stored ${stored.n} (lost ${lost}), CDR sessions ${sessions.n}`,
    );
    console.log(
      `${''.padEnd(8)} app server CPU ${cpu === null ? 'unknown' : `${cpu.toFixed(1)} s`}` +
        (cpu ? ` = ${Math.round(result['2xx'] / cpu)} events per CPU second` : '') +
        `; load average before ${loadBefore}, after ${loadAverage()} (2 cores)`,
    );
    if (lost !== 0 || result.non2xx !== 0) console.log(`${dialect}: FAILED, events were lost or refused`);
    if (perSecond < TARGET) console.log(`${dialect}: below the target of ${TARGET} events/s`);
    return lost === 0 && result.non2xx === 0;
  } finally {
    await stack.stop();
    await testDb.drop();
  }
}

let ok = true;
for (const dialect of ['sqlite', 'postgres'] as const) ok = (await run(dialect)) && ok;
process.exit(ok ? 0 : 1);
