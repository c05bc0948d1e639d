// A push-channel client for tests: a real WebSocket (the `ws` package under Node) that speaks the
// protocol of common/push.ts and records every event it receives, in order (and, apart, the
// colleagues' presence changes, which are not events of the log).
import WebSocket from 'ws';
import { PresenceChange, PUSH_PATH, PushEvent, type PushDelivery } from '../../common/push.js';

export interface TestPushClient {
  events: PushDelivery[];
  /** Presence changes of colleagues, in the order received. */
  presence: PresenceChange[];
  lastId: number;
  /** The `through` of the server's ready: where a resume's catch-up ends (undefined: none). */
  through: number | undefined;
  /** Resolves with the first event (already received or coming) that matches. */
  waitFor<T extends PushEvent['type']>(
    type: T,
    match?: (event: Extract<PushEvent, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<PushEvent, { type: T }>>;
  /** Resolves once the presence changes received so far satisfy `done`. */
  waitForPresence(done: (received: PresenceChange[]) => boolean, timeoutMs?: number): Promise<void>;
  send(message: object): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
  socket: WebSocket;
}

/** Opens a socket to `baseUrl` and authenticates; resolves once the server said ready. With
 *  `presence`, it asks for colleagues' presence changes too. */
export async function connectPush(
  baseUrl: string,
  token: string,
  after?: number,
  options: { presence?: boolean } = {},
): Promise<TestPushClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${PUSH_PATH}`);
  const events: PushDelivery[] = [];
  const presence: PresenceChange[] = [];
  const waiters = new Set<() => void>();
  let lastId = 0;
  let through: number | undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        kind: string;
        id?: number;
        lastId?: number;
        through?: number;
        at?: string;
        event?: unknown;
      };
      if (message.kind === 'ready') {
        lastId = message.lastId ?? 0;
        through = message.through;
        resolve();
      } else if (message.kind === 'event') {
        const event = PushEvent.parse(message.event);
        events.push({ id: message.id ?? -1, at: message.at ?? '', event });
        lastId = message.id ?? lastId;
        for (const waiter of waiters) waiter();
      } else if (message.kind === 'presence') {
        presence.push(PresenceChange.parse(message));
        for (const waiter of waiters) waiter();
      }
    });
    socket.on('error', reject);
    void closed.then(({ code }) => reject(new Error(`push socket closed (${code}) before ready`)));
  });
  ready.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(
    JSON.stringify({
      kind: 'auth',
      token,
      ...(after !== undefined ? { after } : {}),
      ...(options.presence ? { presence: true } : {}),
    }),
  );
  await ready;
  const client: TestPushClient = {
    events,
    presence,
    get lastId() {
      return lastId;
    },
    through,
    socket,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    waitFor(type, match = () => true, timeoutMs = 5000) {
      type E = Extract<PushEvent, { type: typeof type }>;
      const find = () => events.map((d) => d.event).find((e): e is E => e.type === type && match(e as E));
      return new Promise<E>((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no ${type} event within ${timeoutMs} ms; got ${events.map((d) => d.event.type).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          const hit = find();
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        waiters.add(check);
      });
    },
    waitForPresence(done, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        if (done(presence)) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`presence not as expected within ${timeoutMs} ms: ${JSON.stringify(presence)}`));
        }, timeoutMs);
        const check = () => {
          if (!done(presence)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
  return client;
}
