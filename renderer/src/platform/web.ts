// The Platform in a browser (guests, machines without the desktop app): the contract's methods
// implemented over HTTP against the app server that served the page.
import type { EventName, Events } from '../../../electron/contract.js';
import { PushClient, type SocketLike } from '../../../common/push-client.js';
import { ApiClient } from './api-client.js';
import type { MethodHandlers, Platform } from './platform.js';
import { webHandlers } from './web-handlers.js';

export function createWebPlatform(origin: string): Platform {
  const api = new ApiClient(origin);
  const handlers = webHandlers(api, origin);
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const emit = <E extends EventName>(event: E, payload: Events[E]): void => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: Events[E]) => void)(payload);
  };
  // The push channel runs while someone is signed in in this tab.
  const push = new PushClient({
    serverUrl: origin,
    token: () => api.accessToken(),
    refreshedToken: () => api.accessToken(true),
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    onEvent: (delivery) => emit('push.event', delivery),
    onStatus: (connected) => emit('push.status', { connected }),
  });
  let pushUser: string | null = null;
  api.onChanged((user) => {
    if (user?.id !== pushUser) {
      push.stop();
      pushUser = user?.id ?? null;
      if (user) push.start();
    }
    void handlers['auth.status'](undefined).then((state) => emit('auth.changed', state));
  });
  return {
    kind: 'web',
    invoke(method, ...args) {
      const handler = handlers[method] as (a: unknown) => ReturnType<MethodHandlers[typeof method]>;
      return handler(args[0]);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}
