// The desktop's push connection, kept by the main process so calls ring even with the window
// closed. Runs while signed in: the access token comes from the auth service (refreshed when the
// server refuses it) and every event is handed to the window (push.event) and to the ring
// controller. Plain Node: the WebSocket is Node's global one, or whatever the tests pass.
import type { PushDelivery } from '../../common/push.js';
import { PushClient, type SocketLike } from '../../common/push-client.js';
import type { AuthState } from '../contract.js';
import type { EmitEvent } from './events.js';
import type { Logger } from './logger.js';

export interface PushServiceOptions {
  tokens: {
    current(): Promise<{ serverUrl: string; accessToken: string }>;
    refreshAfterRejection(staleToken: string): Promise<string>;
  };
  emit: EmitEvent;
  log: Logger;
  createSocket?: (url: string) => SocketLike;
  /** Also told of every event (the ring controller). */
  onDelivery?: (delivery: PushDelivery) => void;
  minDelayMs?: number;
}

export class PushService {
  private client: PushClient | null = null;
  private serverUrl: string | null = null;
  private lastToken = '';

  constructor(private readonly opts: PushServiceOptions) {}

  /** Follows the sign-in state: connects to the signed-in server, disconnects on sign-out. */
  onAuth(state: AuthState): void {
    const target = state.signedIn ? state.serverUrl : null;
    if (target === this.serverUrl && this.client) return;
    this.stop();
    if (target) this.start(target);
  }

  stop(): void {
    this.client?.stop();
    this.client = null;
    this.serverUrl = null;
  }

  private start(serverUrl: string): void {
    const { tokens, emit, log } = this.opts;
    const createSocket = this.opts.createSocket ?? globalSocket();
    if (!createSocket) {
      // Electron's Node has a global WebSocket; a runtime without one gets no push channel.
      log.warn('push channel unavailable: this runtime has no WebSocket');
      return;
    }
    this.serverUrl = serverUrl;
    this.client = new PushClient({
      serverUrl,
      token: async () => (this.lastToken = (await tokens.current()).accessToken),
      refreshedToken: async () => (this.lastToken = await tokens.refreshAfterRejection(this.lastToken)),
      createSocket,
      onEvent: (delivery) => {
        emit('push.event', delivery);
        this.opts.onDelivery?.(delivery);
      },
      onPresence: (change) => emit('push.presence', change),
      onStatus: (connected) => {
        log.info(connected ? 'push channel connected' : 'push channel disconnected');
        emit('push.status', { connected });
      },
      ...(this.opts.minDelayMs !== undefined ? { minDelayMs: this.opts.minDelayMs } : {}),
    });
    this.client.start();
  }
}

/** The runtime's own WebSocket (Electron's Node, browsers), or null where there is none. */
function globalSocket(): ((url: string) => SocketLike) | null {
  if (typeof globalThis.WebSocket !== 'function') return null;
  return (url) => new globalThis.WebSocket(url) as unknown as SocketLike;
}
