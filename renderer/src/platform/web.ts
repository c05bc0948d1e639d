// The Platform in a browser (guests, machines without the desktop app): the contract's host
// capabilities done in the page, and the app server that served the page reached directly
// through the one API client (common/api/client.ts).
import { ApiError, createApiClient } from '../../../common/api.js';
import type { EventName, Events } from '../../../electron/contract.js';
import { callThrough, PlatformError, type Platform } from './platform.js';
import { PushClient, type SocketLike } from '../../../common/push-client.js';
import { webHandlers } from './web-handlers.js';
import { WebSession } from './web-session.js';

export function createWebPlatform(origin: string): Platform {
  const session = new WebSession(origin, createApiClient({ publicServerUrl: () => origin }));
  const api = createApiClient({ session, publicServerUrl: () => origin });
  const handlers = webHandlers(session, api);
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const emit = <E extends EventName>(event: E, payload: Events[E]): void => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: Events[E]) => void)(payload);
  };
  // The push channel runs while someone is signed in in this tab.
  const push = new PushClient({
    serverUrl: origin,
    token: async () => (lastToken = (await session.current().catch(() => null))?.accessToken ?? null),
    refreshedToken: async () =>
      (lastToken = await session.refreshAfterRejection(lastToken ?? '').catch(() => null)),
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    onEvent: (delivery) => emit('push.event', delivery),
    onStatus: (connected) => emit('push.status', { connected }),
    onPresence: (change) => emit('push.presence', change),
  });
  let lastToken: string | null = null;
  let pushUser: string | null = null;
  session.onChanged((user) => {
    if (user?.id !== pushUser) {
      push.stop();
      pushUser = user?.id ?? null;
      if (user) push.start();
    }
    void handlers['auth.status'](undefined).then((state) => emit('auth.changed', state));
  });
  const invoke: Platform['invoke'] = async (method, ...args) => {
    const handler = handlers[method] as (a: unknown) => Promise<never>;
    try {
      return await handler(args[0]);
    } catch (err) {
      // The same error type the desktop platform throws, so the UI handles one kind.
      if (err instanceof ApiError) throw new PlatformError(err.code, err.message, err.status, { cause: err });
      throw err;
    }
  };
  return {
    kind: 'web',
    invoke,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    call: callThrough(invoke),
  };
}
