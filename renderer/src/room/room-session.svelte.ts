// The meeting itself: the LiveKit Room, who is in it (one ParticipantState each, so an event
// re-renders only the tile it concerns), the local controls, and the end of the meeting.
// Components read its fields and call its methods; they never call room.on themselves.
import { DisconnectReason, Room, RoomEvent, Track, type LocalTrack, type Participant } from 'livekit-client';
import type { LiveRoomSettings } from '../../../common/api.js';
import { markJoinStep } from '../lib/timing.js';
import { Toasts } from '../lib/toasts.svelte.js';
import type { DeviceChoices } from '../platform/platform.js';
import { ChatLog } from './chat-log.svelte.js';
import { listDevices, type DeviceLists } from './devices.js';
import { parseLiveSettings } from './live-settings.js';
import { decodeHand, encodeHand, HAND_TOPIC } from './hand-signals.js';
import type { LeaveReason } from './leave-reason.js';
import { displayName, ParticipantState } from './participant-state.svelte.js';
import { roomOptions, SCREEN_SHARE_CAPTURE } from './room-options.js';
import { RoomViewState } from './room-view.svelte.js';
import { applySubscription, applySubscriptions } from './subscriptions.js';

export type SessionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
export type { Layout } from './room-view.svelte.js';

export interface JoinGrantLike {
  url: string;
  token: string;
}

export class RoomSession {
  readonly room: Room;
  readonly toasts = new Toasts();
  readonly chat: ChatLog;
  readonly local: ParticipantState;
  readonly view: RoomViewState;
  status = $state<SessionStatus>('connecting');
  leaveReason = $state<LeaveReason | null>(null);
  audioBlocked = $state(false);
  devices = $state<DeviceLists>({ videoinput: [], audioinput: [], audiooutput: [] });
  activeDevices = $state<Partial<Record<MediaDeviceKind, string>>>({});
  /** Everyone in the meeting, you first; replaced only when someone joins or leaves. */
  participants = $state.raw<ParticipantState[]>([]);
  /** Room settings as the app server last announced them in the meeting (LiveKit room
   *  metadata); null until it has. What the join grant said holds until then. */
  liveSettings = $state<LiveRoomSettings | null>(null);
  /** Called once when the meeting is over for this client, with why. */
  onEnded: ((reason: LeaveReason) => void) | null = null;

  remoteAudio = $derived(
    this.participants.flatMap((p) => [p.audio, p.screenAudio].filter((t) => t !== undefined)),
  );

  constructor(
    devices: DeviceChoices,
    readonly onDeviceChosen: (kind: MediaDeviceKind, deviceId: string) => void = () => {},
    /** A Room the lobby made ahead with these devices (pre-connect.svelte.ts); else a new one. */
    room: Room | null = null,
  ) {
    this.room = room ?? new Room(roomOptions(devices));
    this.chat = new ChatLog(this.room);
    this.local = new ParticipantState(this.room.localParticipant, true);
    this.participants = [this.local];
    this.view = new RoomViewState(this);
    this.#listen();
  }

  /** The first screen share in the room, preferring someone else's over your own. */
  get screenShare(): ParticipantState | null {
    return (
      this.participants.find((p) => !p.isLocal && p.sharingScreen) ??
      (this.local.sharingScreen ? this.local : null)
    );
  }

  get micOn(): boolean {
    return !this.local.micMuted;
  }

  get cameraOn(): boolean {
    return this.local.camera !== undefined;
  }

  get sharing(): boolean {
    return this.local.sharingScreen;
  }

  get handRaised(): boolean {
    return this.local.handRaised;
  }

  #add(participant: Participant): void {
    if (this.participants.some((p) => p.identity === participant.identity)) return;
    this.participants = [...this.participants, new ParticipantState(participant, false)];
  }

  #remove(participant: Participant): void {
    const leaving = this.participants.find((p) => p.participant === participant);
    if (!leaving) return;
    leaving.dispose();
    this.view.forget(leaving.identity);
    this.participants = this.participants.filter((p) => p !== leaving);
  }

  #listen(): void {
    const room = this.room;
    // Everyone already in the room comes with the join response: placed at once, their tiles
    // are there when their tracks arrive. A track arriving for someone the view has not placed
    // would count as off screen, be dropped and then be taken again, and its first picture
    // would wait out LiveKit's key-frame throttle (0.5 s): one join in five did, measured.
    room.on(RoomEvent.SignalConnected, () => {
      markJoinStep('convene:signal-connected');
      for (const p of room.remoteParticipants.values()) this.#add(p);
    });
    room.on(RoomEvent.TrackSubscribed, (track, publication, participant) => {
      if (track.kind === Track.Kind.Video) markJoinStep('convene:first-remote-track');
      this.#add(participant);
      // A camera that left the screen while on its way is dropped now (subscriptions.ts).
      applySubscription(publication, participant.identity, this.view.visible);
    });
    room.on(RoomEvent.TrackPublished, (publication, participant) => {
      this.#add(participant);
      applySubscription(publication, participant.identity, this.view.visible);
    });
    room.on(RoomEvent.ParticipantConnected, (p) => {
      this.#add(p);
      this.toasts.show(`${displayName(p)} joined`);
      // A newcomer learns of a hand raised by data message only if told.
      if (this.#handByMessage) void this.#sendHand(true, [p.identity]);
    });
    room.on(RoomEvent.ParticipantDisconnected, (p) => {
      this.#remove(p);
      this.toasts.show(`${displayName(p)} left`);
    });
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      if (topic !== HAND_TOPIC || !participant) return;
      const raised = decodeHand(payload);
      const state = this.participants.find((p) => p.participant === participant);
      if (raised === null || !state || state.handRaised === raised) return;
      state.setHandByMessage(raised);
      if (raised) this.toasts.show(`${displayName(participant)} raised a hand`);
    });
    room.on(RoomEvent.ParticipantAttributesChanged, (changed, participant) => {
      if (changed.hand === '1' && participant !== room.localParticipant) {
        this.toasts.show(`${displayName(participant)} raised a hand`);
      }
    });
    room.on(RoomEvent.RoomMetadataChanged, (metadata) => {
      this.liveSettings = parseLiveSettings(metadata) ?? this.liveSettings;
    });
    room.on(RoomEvent.ActiveDeviceChanged, (kind, deviceId) => {
      this.activeDevices = { ...this.activeDevices, [kind]: deviceId };
    });
    room.on(RoomEvent.Reconnecting, () => (this.status = 'reconnecting'));
    room.on(RoomEvent.Reconnected, () => {
      this.status = 'connected';
      this.toasts.show('Reconnected');
    });
    room.on(RoomEvent.AudioPlaybackStatusChanged, () => (this.audioBlocked = !room.canPlaybackAudio));
    room.on(RoomEvent.MediaDevicesChanged, () => void this.refreshDevices());
    room.on(RoomEvent.MediaDevicesError, (error) =>
      this.toasts.show(`Device problem: ${error.message}`, 'error'),
    );
    room.on(RoomEvent.Disconnected, (reason) => {
      this.status = 'disconnected';
      this.leaveReason ??= leaveReasonOf(reason);
      this.#dispose();
      this.onEnded?.(this.leaveReason);
    });
  }

  /** `preview`: the lobby's tracks, published once connected (and once any still opening is open). */
  async connect(
    grant: JoinGrantLike,
    devices: DeviceChoices,
    preview: Promise<LocalTrack[]> = Promise.resolve([]),
  ): Promise<void> {
    this.status = 'connecting';
    // Let the server subscribe everything in its first offer (no extra negotiation before the
    // first frame); the view then drops the cameras that are not on screen, and adaptive stream
    // keeps unattached tracks paused meanwhile.
    markJoinStep('convene:connecting');
    await this.room.connect(grant.url, grant.token, { autoSubscribe: true });
    markJoinStep('convene:connected');
    this.status = 'connected';
    this.local.sync(); // identity and name come with the connection
    this.audioBlocked = !this.room.canPlaybackAudio;
    for (const p of this.room.remoteParticipants.values()) this.#add(p);
    this.applySubscriptions(this.view.visible);
    const tracks = await preview;
    await Promise.all([
      this.#publish(Track.Source.Camera, devices.joinWithCamera, tracks),
      this.#publish(Track.Source.Microphone, devices.joinWithMicrophone, tracks),
    ]);
    this.local.sync();
  }

  async #publish(source: Track.Source, on: boolean, preview: LocalTrack[]): Promise<void> {
    const track = preview.find((t) => t.source === source);
    if (!on) return void track?.stop();
    const local = this.room.localParticipant;
    if (track) await local.publishTrack(track, { source });
    else if (source === Track.Source.Camera) await local.setCameraEnabled(true);
    else await local.setMicrophoneEnabled(true);
  }

  /** Cameras only for the tiles on screen; microphones and screen shares always. */
  applySubscriptions(visible: ReadonlySet<string>): void {
    applySubscriptions(this.room.remoteParticipants.values(), visible);
  }

  async toggleMic(): Promise<void> {
    await this.#guard(() => this.room.localParticipant.setMicrophoneEnabled(!this.micOn), 'microphone');
  }

  async toggleCamera(): Promise<void> {
    await this.#guard(() => this.room.localParticipant.setCameraEnabled(!this.cameraOn), 'camera');
  }

  async toggleShare(): Promise<void> {
    await this.#guard(
      () => this.room.localParticipant.setScreenShareEnabled(!this.sharing, SCREEN_SHARE_CAPTURE),
      'screen share',
    );
  }

  #handByMessage = false;

  async toggleHand(): Promise<void> {
    const raise = !this.handRaised;
    const local = this.room.localParticipant;
    if (local.permissions?.canUpdateMetadata) {
      await this.#guard(() => local.setAttributes({ hand: raise ? '1' : '' }), 'hand');
      return;
    }
    this.#handByMessage = raise;
    this.local.setHandByMessage(raise);
    await this.#guard(() => this.#sendHand(raise), 'hand');
  }

  #sendHand(raised: boolean, to?: string[]): Promise<void> {
    return this.room.localParticipant.publishData(encodeHand(raised), {
      reliable: true,
      topic: HAND_TOPIC,
      ...(to ? { destinationIdentities: to } : {}),
    });
  }

  async switchDevice(kind: MediaDeviceKind, deviceId: string): Promise<void> {
    await this.#guard(() => this.room.switchActiveDevice(kind, deviceId), 'device');
    this.onDeviceChosen(kind, deviceId);
  }

  async refreshDevices(): Promise<void> {
    this.devices = await listDevices();
  }

  activeDevice(kind: MediaDeviceKind): string | undefined {
    return this.activeDevices[kind] ?? this.room.getActiveDevice(kind);
  }

  async startAudio(): Promise<void> {
    await this.room.startAudio();
    this.audioBlocked = !this.room.canPlaybackAudio;
  }

  async leave(): Promise<void> {
    this.leaveReason = 'left';
    await this.room.disconnect();
  }

  /** Lets go of every listener and effect, so a finished meeting leaves nothing behind. */
  #dispose(): void {
    for (const p of this.participants) p.dispose();
    this.view.dispose();
  }

  async #guard(action: () => Promise<unknown>, what: string): Promise<void> {
    try {
      await action();
    } catch (err) {
      this.toasts.show(
        `Could not change the ${what}: ${err instanceof Error ? err.message : String(err)}`,
        'error',
      );
    } finally {
      this.local.sync();
    }
  }
}

function leaveReasonOf(reason: DisconnectReason | undefined): LeaveReason {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return 'left';
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'removed';
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return 'ended';
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'duplicate';
    default:
      return 'lost';
  }
}
