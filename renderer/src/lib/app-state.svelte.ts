// Application-level state: who is signed in, which screen is showing, and the path from the
// lobby through the waiting room into a meeting. Views read it and call its methods.
import type { LocalTrack, Room } from 'livekit-client';
import type { JoinGrant, JoinResult } from '../../../common/api.js';
import type { AuthState, DeepLinkTarget } from '../../../electron/contract.js';
import {
  DEFAULT_SETTINGS,
  errorText,
  type DeviceChoices,
  type Platform,
  type Settings,
} from '../platform/platform.js';
import { leaveMessage, type LeaveReason } from '../room/leave-reason.js';
import { CallsState } from './calls.svelte.js';
import { loadMeeting } from './meeting-chunk.js';
import { inviteFromPath } from './join-input.js';
import { afterJoinStarts } from './join-path.js';
import { markJoinStep } from './timing.js';
import type { RoomSession } from '../room/room-session.svelte.js';
import type { JoinTarget, Route } from './routes.js';

export class AppState {
  route = $state<Route>({ name: 'loading' });
  auth = $state<AuthState | null>(null);
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  /** Calls: rings, the call I placed, the missed-calls badge (signed-in users only). */
  readonly calls: CallsState;
  /** Tracks the lobby previewed, handed to the room so joining needs no second getUserMedia.
   *  A promise: a device still opening at the click joins the meeting when it is open, while
   *  the room connects meanwhile. */
  #preview: Promise<LocalTrack[]> = Promise.resolve([]);
  /** The call room openCall is on its way into. leaveCall clears it, so a call that ends
   *  unanswered while its room is still being joined is not entered afterwards. */
  #callOnItsWay: string | null = null;
  /** The meeting being entered during the one task before it shows (join-path.ts): leaveCall
   *  cancels it there, and a connection that fails then shows its error instead. */
  #entering: { roomId: string; session: RoomSession } | null = null;

  constructor(readonly platform: Platform) {
    // Listening from the start, so no push event is missed while the first screen loads.
    this.calls = new CallsState(platform, {
      openCall: (roomId, camera) => this.openCall(roomId, camera),
      leaveCall: (roomId) => this.leaveCall(roomId),
      notify: (text) => console.warn(text),
    });
  }

  async start(): Promise<void> {
    const [settings, auth] = await Promise.all([
      this.platform.invoke('settings.get'),
      this.platform.invoke('auth.status').catch((): AuthState | null => null),
    ]);
    this.settings = settings;
    this.auth = auth;
    this.platform.on('auth.changed', (state) => {
      this.auth = state;
      if (!state.signedIn && ['home', 'history', 'people'].includes(this.route.name))
        this.go({ name: 'signin' });
    });
    this.platform.on('deeplink.join', (link) => this.openDeepLink(link));
    // The server clears "in a meeting" when a user's last client goes (a crashed client never
    // says it left): back on the push channel in a meeting, this client says so again.
    this.platform.on('push.status', ({ connected }) => {
      if (connected && this.route.name === 'room') this.#setInMeeting(true);
    });
    const invite = this.platform.kind === 'web' ? inviteFromPath(location.pathname) : null;
    if (invite) this.go({ name: 'lobby', target: { kind: 'invite', invite } });
    else this.go({ name: auth?.signedIn ? 'home' : 'signin' });
    // A call answered in the desktop's ring window: a window opened for it takes the join now,
    // one already open when main says so. Main hands the join out once, so it happens once.
    this.platform.on('ring.joinPending', () => void this.calls.takeJoin());
    if (auth?.signedIn) await this.calls.takeJoin();
  }

  get signedIn(): boolean {
    return this.auth?.signedIn === true;
  }

  go(route: Route): void {
    if (this.route.name === 'room' && route.name !== 'room') this.#setInMeeting(false);
    if (this.route.name === 'lobby' && route.name !== 'waiting' && route.name !== 'room') this.dropPreview();
    this.route = route;
  }

  openDeepLink(link: DeepLinkTarget): void {
    if (this.route.name === 'room') return;
    if (link.kind === 'invite') {
      // The link's own server (validated against the policy in main), so the guest joins there.
      const target = { kind: 'invite', invite: link.invite, serverUrl: link.serverUrl } as const;
      this.go({ name: 'lobby', target });
    } else
      void this.platform.call('rooms.get', { params: { id: link.room } }).then(
        (room) => this.go({ name: 'lobby', target: { kind: 'room', room } }),
        () => this.go({ name: 'home' }),
      );
  }

  async saveSettings(patch: Partial<Settings>): Promise<void> {
    this.settings = { ...this.settings, ...patch };
    this.settings = await this.platform.invoke('settings.set', patch);
  }

  setPreview(tracks: Promise<LocalTrack[]>): void {
    this.#preview = tracks;
  }

  dropPreview(): void {
    stopAll(this.#takePreview());
  }

  #takePreview(): Promise<LocalTrack[]> {
    const preview = this.#preview;
    this.#preview = Promise.resolve([]);
    return preview;
  }

  /**
   * Asks the app server to join (unless the lobby already holds a fresh grant, and with it perhaps
   * the Room it made ahead); lands in the room or the waiting room. Throws what to show.
   */
  async join(
    target: JoinTarget,
    displayName: string,
    prepared: JoinGrant | null = null,
    room: Room | null = null,
  ): Promise<void> {
    if (prepared) {
      markJoinStep('convene:join-granted');
      return this.enterRoom(prepared, target, {}, room);
    }
    const result: JoinResult =
      target.kind === 'room'
        ? await this.platform.call('rooms.join', { params: { id: target.room.id } })
        : await this.platform.call(
            'guest.join',
            { body: { invite: target.invite, displayName } },
            target.serverUrl ? { serverUrl: target.serverUrl } : {},
          );
    markJoinStep('convene:join-granted');
    if (result.status === 'waiting') this.go({ name: 'waiting', ticket: result.ticket, target });
    else await this.enterRoom(result, target);
  }

  /** Opens a call's room straight away (no lobby: the call is already answered). */
  async openCall(roomId: string, camera: boolean): Promise<void> {
    this.#callOnItsWay = roomId;
    if (this.route.name === 'room') await this.route.session.leave();
    const room = await this.platform.call('rooms.get', { params: { id: roomId } });
    const result = await this.platform.call('rooms.join', { params: { id: room.id } });
    if (result.status !== 'admitted') throw new Error('The call room asked to wait.');
    await loadMeeting(); // loaded now, so nothing can end the call between the check and entering
    if (this.#callOnItsWay !== roomId) return; // declined, cancelled or missed meanwhile
    this.#callOnItsWay = null;
    await this.enterRoom(result, { kind: 'room', room }, { joinWithCamera: camera });
  }

  leaveCall(roomId: string): void {
    if (this.#callOnItsWay === roomId) this.#callOnItsWay = null;
    if (this.#entering?.roomId === roomId) {
      const { session } = this.#entering;
      this.#entering = null;
      session.onEnded = () => undefined; // never shown: nothing to leave from
      void session.leave();
      return;
    }
    if (this.route.name !== 'room' || this.route.grant.room.id !== roomId) return;
    const session = this.route.session;
    session.onEnded = () => undefined; // not the "you left" screen: back to People
    this.go({ name: 'people' });
    void session.leave();
  }

  #setInMeeting(inMeeting: boolean): void {
    if (!this.signedIn) return;
    void this.platform.call('presence.set', { body: { inMeeting } }).catch(() => undefined);
  }

  async enterRoom(
    grant: JoinGrant,
    target: JoinTarget,
    override: Partial<DeviceChoices> = {},
    room: Room | null = null,
  ): Promise<void> {
    const devices: DeviceChoices = { ...this.settings, ...override };
    const { RoomSession } = await loadMeeting();
    const onDeviceChosen = (kind: MediaDeviceKind, deviceId: string) => {
      const key = kind === 'videoinput' ? 'cameraId' : kind === 'audioinput' ? 'microphoneId' : 'speakerId';
      void this.saveSettings({ [key]: deviceId });
    };
    const session = new RoomSession(devices, onDeviceChosen, room);
    const preview = this.#takePreview();
    const entry = { roomId: grant.room.id, session };
    this.#entering = entry;
    // A meeting ends once: leaving while it still connects both fails the connection and
    // disconnects the room, and a second "left" screen would take back a Rejoin already clicked.
    let ended = false;
    const end = (reason: LeaveReason) => {
      if (ended) return;
      ended = true;
      const canRejoin = reason === 'left' || reason === 'lost';
      this.go({ name: 'left', message: leaveMessage(reason), target: canRejoin ? target : null });
    };
    session.connect(grant, devices, preview).catch((err: unknown) => {
      stopAll(preview);
      if (this.#entering === entry) this.#entering = null;
      // Left on purpose meanwhile (a call that ended unanswered): nothing to report.
      else if (this.route.name !== 'room' || this.route.session !== session) return;
      if (session.leaveReason) return end(session.leaveReason);
      if (ended) return;
      ended = true;
      this.go({ name: 'left', message: `Could not connect to the meeting: ${errorText(err)}`, target });
    });
    session.onEnded = end;
    await afterJoinStarts(); // then the meeting view mounts and the server hears of it
    if (this.#entering !== entry) return; // failed ("left" shows its error) or cancelled by leaveCall
    this.#entering = null;
    this.route = { name: 'room', session, grant };
    this.#setInMeeting(true);
  }
}

function stopAll(tracks: Promise<LocalTrack[]>): void {
  void tracks.then((all) => all.forEach((track) => track.stop()));
}
