// The one place that listens to LiveKit's RoomEvents. It turns the Room into reactive fields
// ($state/$derived) that components read; components call its methods and never room.on.
import {
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type LocalTrack,
  type RemoteAudioTrack,
} from 'livekit-client';
import { markJoinStep } from '../lib/timing.js';
import { Toasts } from '../lib/toasts.svelte.js';
import type { DeviceChoices } from '../platform/platform.js';
import { ChatLog } from './chat-log.svelte.js';
import { listDevices, type DeviceLists } from './devices.js';
import { decodeHand, encodeHand, HAND_TOPIC, HandSignals } from './hand-signals.js';
import { orderTiles, paginate } from './layout.js';
import type { LeaveReason } from './leave-reason.js';
import { roomOptions, SCREEN_SHARE_CAPTURE } from './room-options.js';
import { applySubscription, applySubscriptions } from './subscriptions.js';
import { allParticipants, displayName, screenShareOf, tileOf, type TileState } from './tiles.js';

export type SessionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
export type Layout = 'grid' | 'speaker';

const RERENDER_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ConnectionQualityChanged,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.ActiveDeviceChanged,
] as const;

export class RoomSession {
  readonly room: Room;
  readonly toasts = new Toasts();
  readonly chat: ChatLog;
  status = $state<SessionStatus>('connecting');
  leaveReason = $state<LeaveReason | null>(null);
  audioBlocked = $state(false);
  layout = $state<Layout>('grid');
  page = $state(0);
  perPage = $state(9);
  participantsOpen = $state(false);
  devices = $state<DeviceLists>({ videoinput: [], audioinput: [], audiooutput: [] });
  /** Called once when the meeting is over for this client, with why. */
  onEnded: ((reason: LeaveReason) => void) | null = null;

  /** Bumped on every RoomEvent that changes what is drawn; the deriveds below read it. */
  #version = $state(0);
  // Not reactive by itself: every write is followed by a #version bump.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #lastSpokeAt = new Map<string, number>();
  readonly #hands = new HandSignals();

  tiles = $derived.by((): TileState[] => {
    void this.#version;
    return orderTiles(
      allParticipants(this.room).map(({ participant, isLocal }) =>
        tileOf(
          participant,
          isLocal,
          this.#lastSpokeAt.get(participant.identity) ?? 0,
          isLocal ? this.handRaised : this.#hands.isRaised(participant.identity, participant.attributes),
        ),
      ),
    );
  });
  screenShare = $derived.by(() => {
    void this.#version;
    return screenShareOf(this.room);
  });
  /** A screen share always takes the stage, whatever layout was chosen. */
  effectiveLayout = $derived<Layout>(this.screenShare ? 'speaker' : this.layout);
  /** Who is on the stage in speaker layout: the latest speaker other than you, if any. */
  stageTile = $derived(this.tiles.find((t) => !t.isLocal) ?? this.tiles[0]);
  /** The speaker on the stage, when the stage is not showing a screen share. */
  stageSpeaker = $derived(
    this.effectiveLayout === 'speaker' && !this.screenShare ? this.stageTile : undefined,
  );
  pageView = $derived(
    paginate(
      this.stageSpeaker ? this.tiles.filter((t) => t !== this.stageSpeaker) : this.tiles,
      this.page,
      this.perPage,
    ),
  );
  remoteAudio = $derived.by((): RemoteAudioTrack[] => {
    void this.#version;
    return [...this.room.remoteParticipants.values()].flatMap((p) =>
      [...p.audioTrackPublications.values()].flatMap((pub) =>
        pub.track ? [pub.track as RemoteAudioTrack] : [],
      ),
    );
  });
  micOn = $derived.by(() => (void this.#version, this.room.localParticipant.isMicrophoneEnabled));
  cameraOn = $derived.by(() => (void this.#version, this.room.localParticipant.isCameraEnabled));
  sharing = $derived.by(() => (void this.#version, this.room.localParticipant.isScreenShareEnabled));
  handRaised = $derived.by(
    () => (void this.#version, this.room.localParticipant.attributes.hand === '1' || this.#hands.localRaised),
  );
  raisedHands = $derived(this.tiles.filter((t) => t.handRaised).length);

  constructor(
    devices: DeviceChoices,
    readonly onDeviceChosen: (kind: MediaDeviceKind, deviceId: string) => void = () => {},
  ) {
    this.room = new Room(roomOptions(devices));
    this.chat = new ChatLog(this.room);
    this.#listen();
  }

  #bump = (): void => {
    this.#version += 1;
  };

  #listen(): void {
    const room = this.room;
    for (const event of RERENDER_EVENTS) room.on(event, this.#bump);
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === Track.Kind.Video) markJoinStep('convene:first-remote-track');
    });
    room.on(RoomEvent.TrackPublished, (publication, participant) => {
      applySubscription(publication, participant.identity, this.#visibleIdentities());
    });
    room.on(RoomEvent.ParticipantConnected, (p) => {
      this.toasts.show(`${displayName(p)} joined`);
      this.#applySubscriptions();
      // A newcomer learns of a hand raised by data message only if told.
      if (this.#hands.localRaised) void this.#sendHand(true, [p.identity]);
    });
    room.on(RoomEvent.ParticipantDisconnected, (p) => {
      this.#hands.forget(p.identity);
      this.toasts.show(`${displayName(p)} left`);
    });
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      if (topic !== HAND_TOPIC || !participant) return;
      const raised = decodeHand(payload);
      if (raised === null || !this.#hands.receive(participant.identity, raised)) return;
      if (raised) this.toasts.show(`${displayName(participant)} raised a hand`);
      this.#bump();
    });
    room.on(RoomEvent.ActiveSpeakersChanged, (speakers) => {
      const now = Date.now();
      for (const speaker of speakers) this.#lastSpokeAt.set(speaker.identity, now);
      this.#bump();
      this.#applySubscriptions();
    });
    room.on(RoomEvent.ParticipantAttributesChanged, (changed, participant) => {
      if (changed.hand === '1' && participant !== room.localParticipant) {
        this.toasts.show(`${displayName(participant)} raised a hand`);
      }
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
      this.onEnded?.(this.leaveReason);
    });
  }

  async connect(grant: { url: string; token: string }, devices: DeviceChoices, preview: LocalTrack[] = []) {
    this.status = 'connecting';
    // Let the server subscribe everything in its first offer (no extra negotiation before the
    // first frame); #applySubscriptions then drops the cameras that are not on screen, and
    // adaptive stream keeps unattached tracks paused meanwhile.
    await this.room.connect(grant.url, grant.token, { autoSubscribe: true });
    markJoinStep('convene:connected');
    this.status = 'connected';
    this.audioBlocked = !this.room.canPlaybackAudio;
    this.#applySubscriptions();
    await Promise.all([
      this.#publish(Track.Source.Camera, devices.joinWithCamera, preview),
      this.#publish(Track.Source.Microphone, devices.joinWithMicrophone, preview),
    ]);
    this.#bump();
  }

  async #publish(source: Track.Source, on: boolean, preview: LocalTrack[]): Promise<void> {
    const track = preview.find((t) => t.source === source);
    if (!on) return void track?.stop();
    const local = this.room.localParticipant;
    if (track) await local.publishTrack(track, { source });
    else if (source === Track.Source.Camera) await local.setCameraEnabled(true);
    else await local.setMicrophoneEnabled(true);
  }

  /** Tells the session which page and how many tiles are visible, so it subscribes just those. */
  setViewport(perPage: number, page = this.page): void {
    this.perPage = Math.max(1, perPage);
    this.page = page;
    this.#applySubscriptions();
  }

  #visibleIdentities(): Set<string> {
    // A throwaway value computed per call, not state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const visible = new Set(this.pageView.items.map((t) => t.identity));
    if (this.stageSpeaker) visible.add(this.stageSpeaker.identity);
    return visible;
  }

  #applySubscriptions(): void {
    applySubscriptions(this.room.remoteParticipants.values(), this.#visibleIdentities());
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

  async toggleHand(): Promise<void> {
    const raise = !this.handRaised;
    const local = this.room.localParticipant;
    if (local.permissions?.canUpdateMetadata) {
      await this.#guard(() => local.setAttributes({ hand: raise ? '1' : '' }), 'hand');
      return;
    }
    this.#hands.localRaised = raise;
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
    this.#bump();
  }

  async refreshDevices(): Promise<void> {
    this.devices = await listDevices();
  }

  activeDevice(kind: MediaDeviceKind): string | undefined {
    void this.#version;
    return this.room.getActiveDevice(kind);
  }

  async startAudio(): Promise<void> {
    await this.room.startAudio();
    this.audioBlocked = !this.room.canPlaybackAudio;
  }

  async leave(): Promise<void> {
    this.leaveReason = 'left';
    await this.room.disconnect();
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
      this.#bump();
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
