// The client side of the push channel, shared by the web client (the browser's WebSocket) and the
// desktop main process (Node's global WebSocket): connect, authenticate with the access token,
// hand on each event once, and after a drop reconnect with backoff and resume from the last id.
// What was missed is handed on in one go once it has all arrived (the server says where it ends),
// so a UI renders only its outcome: a ring that rang and stopped meanwhile never flashes up.
// A close for an expired token gets a fresh one first. Sockets are made by a factory, so the
// same code runs on either WebSocket.
import {
  PUSH_PATH,
  PushClose,
  PushEvent,
  PushServerMessage,
  type PresenceChange,
  type PushDelivery,
} from './push.js';

/** The part of the WHATWG WebSocket this client uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface PushClientOptions {
  /** The app server's http(s) origin. */
  serverUrl: string;
  /** A current access token, or null when signed out (the client then waits for start()). */
  token(): Promise<string | null>;
  /** A new token after the server refused the one given (expired), or null. */
  refreshedToken(): Promise<string | null>;
  createSocket(url: string): SocketLike;
  onEvent(delivery: PushDelivery): void;
  onStatus?(connected: boolean): void;
  /** A colleague's presence changed (not an event of the log: no id, not replayed); given, the
   *  client asks the server for these. */
  onPresence?(change: PresenceChange): void;
  /** Backoff bounds after a failed or dropped connection (default 500 ms to 15 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

const OPEN = 1;

export class PushClient {
  private socket: SocketLike | null = null;
  private running = false;
  private lastId: number | undefined;
  private delay: number;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private connected = false;
  /** While a resumed connection catches up: the id the catch-up ends at, and what came so far. */
  private catchUp: { through: number; held: PushDelivery[] } | null = null;

  constructor(private readonly options: PushClientOptions) {
    this.delay = options.minDelayMs ?? 500;
  }

  /** The last event id handed on (undefined before the first connection). */
  get position(): number | undefined {
    return this.lastId;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect(false);
  }

  stop(): void {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.socket?.close(1000, 'signed out');
    this.socket = null;
    this.lastId = undefined;
    this.catchUp = null;
    this.setConnected(false);
  }

  /** Hands a fresh access token to the open connection (after a refresh elsewhere). */
  renew(token: string): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify({ kind: 'renew', token }));
  }

  private async connect(afterAuthFailure: boolean): Promise<void> {
    let token: string | null = null;
    try {
      token = afterAuthFailure ? await this.options.refreshedToken() : await this.options.token();
    } catch {
      token = null;
    }
    if (!this.running) return;
    if (!token) return this.scheduleReconnect(false);
    const url = `${this.options.serverUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}${PUSH_PATH}`;
    const socket = this.options.createSocket(url);
    this.socket = socket;
    socket.onopen = () =>
      socket.send(
        JSON.stringify({
          kind: 'auth',
          token,
          ...(this.lastId !== undefined ? { after: this.lastId } : {}),
          ...(this.options.onPresence ? { presence: true } : {}),
        }),
      );
    socket.onmessage = (event) => this.onMessage(event.data);
    socket.onerror = () => undefined; // a close follows; that is where we react
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.handOnCatchUp(); // what arrived counts as seen: the next resume starts after it
      this.setConnected(false);
      this.scheduleReconnect(event.code === PushClose.AUTH);
    };
  }

  private onMessage(data: unknown): void {
    let message;
    try {
      message = PushServerMessage.safeParse(JSON.parse(String(data)));
    } catch {
      return;
    }
    if (!message.success) return;
    const m = message.data;
    if (m.kind === 'ready') {
      this.lastId ??= m.lastId;
      this.catchUp =
        m.through !== undefined && m.through > this.lastId ? { through: m.through, held: [] } : null;
      this.delay = this.options.minDelayMs ?? 500;
      this.setConnected(true);
    } else if (m.kind === 'event') {
      if (this.lastId !== undefined && m.id <= this.lastId) return; // seen already
      this.lastId = m.id;
      const event = PushEvent.safeParse(m.event);
      const delivery = event.success ? { id: m.id, at: m.at, event: event.data } : null;
      if (!this.catchUp) {
        if (delivery) this.options.onEvent(delivery);
        return;
      }
      if (delivery) this.catchUp.held.push(delivery);
      if (m.id >= this.catchUp.through) this.handOnCatchUp();
    } else if (m.kind === 'presence') {
      this.options.onPresence?.({ userId: m.userId, presence: m.presence });
    }
  }

  /** Hands on the held catch-up together, in one synchronous run. */
  private handOnCatchUp(): void {
    const held = this.catchUp?.held ?? [];
    this.catchUp = null;
    for (const delivery of held) this.options.onEvent(delivery);
  }

  private scheduleReconnect(authFailed: boolean): void {
    if (!this.running || this.retry) return;
    // A refused token is renewed at once the first time; repeated failures back off like drops.
    const wait = authFailed && this.delay === (this.options.minDelayMs ?? 500) ? 0 : this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxDelayMs ?? 15_000);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect(authFailed);
    }, wait);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.options.onStatus?.(connected);
  }
}
