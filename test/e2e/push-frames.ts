// What a page's push channel said on the wire, socket by socket, as Chromium reports its frames
// to Playwright (observed, not intercepted): the `after` its auth message resumed from, the
// `lastId` the server answered ready with, and each event it received, with its id.
import type { Page } from '@playwright/test';
import { PUSH_PATH, PushClientMessage, PushEvent, PushServerMessage } from '../../common/push.js';

export interface PushSocketLog {
  /** The auth message's resume cursor (undefined: none sent, the socket starts at "now"). */
  after: number | undefined;
  authenticated: boolean;
  /** When the page sent its auth message (Date.now() here). */
  authAt: number | undefined;
  readyLastId: number | undefined;
  events: Array<{ id: number; event: PushEvent | null }>;
  closed: boolean;
}

/** Starts recording; the array fills as the page opens push sockets. */
export function watchPush(page: Page): PushSocketLog[] {
  const sockets: PushSocketLog[] = [];
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).pathname !== PUSH_PATH) return;
    const log: PushSocketLog = {
      after: undefined,
      authenticated: false,
      authAt: undefined,
      readyLastId: undefined,
      events: [],
      closed: false,
    };
    sockets.push(log);
    ws.on('framesent', ({ payload }) => {
      const message = PushClientMessage.parse(JSON.parse(String(payload)));
      if (message.kind !== 'auth') return;
      log.authenticated = true;
      log.authAt = Date.now();
      log.after = message.after;
    });
    ws.on('framereceived', ({ payload }) => {
      const message = PushServerMessage.parse(JSON.parse(String(payload)));
      if (message.kind === 'ready') log.readyLastId = message.lastId;
      if (message.kind !== 'event') return;
      const event = PushEvent.safeParse(message.event);
      log.events.push({ id: message.id, event: event.success ? event.data : null });
    });
    ws.on('close', () => (log.closed = true));
  });
  return sockets;
}

/** The call ids of the ring events among `events`, in order. */
export function ringedCalls(events: PushSocketLog['events']): string[] {
  return events.flatMap(({ event }) => (event?.type === 'call.ringing' ? [event.ring.callId] : []));
}

/** How many times the page put a ring for the call on screen (RingBanner marks each mount). */
export function timesRingShown(page: Page, callId: string): Promise<number> {
  return page.evaluate((id) => performance.getEntriesByName(`convene:ring-shown:${id}`).length, callId);
}
