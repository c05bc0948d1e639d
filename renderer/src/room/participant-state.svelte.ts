// The reactive state of one participant: what their tile draws. It listens to its own
// participant's events only and re-reads it; a field whose value did not change is not written
// (Svelte ignores equal assignments), so one event re-renders what it changed in one tile.
import {
  ParticipantEvent,
  Track,
  type Participant,
  type RemoteAudioTrack,
  type VideoTrack,
} from 'livekit-client';

export type Quality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** The participant attribute the app server sets while someone records this meeting. */
export const RECORDING_ATTRIBUTE = 'convene.recording';

const EVENTS = [
  ParticipantEvent.TrackPublished,
  ParticipantEvent.TrackUnpublished,
  ParticipantEvent.TrackSubscribed,
  ParticipantEvent.TrackUnsubscribed,
  ParticipantEvent.TrackMuted,
  ParticipantEvent.TrackUnmuted,
  ParticipantEvent.LocalTrackPublished,
  ParticipantEvent.LocalTrackUnpublished,
  ParticipantEvent.IsSpeakingChanged,
  ParticipantEvent.ConnectionQualityChanged,
  ParticipantEvent.AttributesChanged,
  ParticipantEvent.ParticipantNameChanged,
] as const;

function videoOf(participant: Participant, source: Track.Source): VideoTrack | undefined {
  const publication = participant.getTrackPublication(source);
  if (!publication || publication.isMuted || !publication.track) return undefined;
  return publication.track as VideoTrack;
}

export function displayName(participant: Participant): string {
  return participant.name || participant.identity;
}

export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => /^\p{L}/u.test(part))
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

export class ParticipantState {
  readonly joinedAt: number;
  name = $state('');
  /** The camera when there is a picture to show (published, subscribed, not muted). */
  camera = $state.raw<VideoTrack | undefined>();
  /** A camera is published (maybe not subscribed because the tile is off screen). */
  hasCamera = $state(false);
  micMuted = $state(true);
  isSpeaking = $state(false);
  /** When this person last started speaking (ms since the epoch); 0 if never. */
  lastSpokeAt = $state(0);
  quality = $state<Quality>('unknown');
  handRaised = $state(false);
  /** Set by the app server through the `convene.recording` attribute while recording. */
  recording = $state(false);
  sharingScreen = $state(false);
  screenShare = $state.raw<VideoTrack | undefined>();
  /** Someone else's microphone and screen-share audio, once subscribed. */
  audio = $state.raw<RemoteAudioTrack | undefined>();
  screenAudio = $state.raw<RemoteAudioTrack | undefined>();
  /** A raised hand learnt from a data message (when attributes cannot carry it). */
  #handByMessage = false;

  constructor(
    readonly participant: Participant,
    readonly isLocal: boolean,
  ) {
    this.joinedAt = participant.joinedAt?.getTime() ?? Date.now();
    this.sync();
    for (const event of EVENTS) participant.on(event, this.sync);
  }

  /** Known once connected (your own identity comes with the connection). */
  get identity(): string {
    return this.participant.identity;
  }

  get initials(): string {
    return initialsOf(this.name);
  }

  /** Re-reads the participant; only fields that changed are written. */
  sync = (): void => {
    const p = this.participant;
    this.name = displayName(p);
    const mic = p.getTrackPublication(Track.Source.Microphone);
    this.micMuted = !mic || mic.isMuted;
    this.camera = videoOf(p, Track.Source.Camera);
    this.hasCamera = p.getTrackPublication(Track.Source.Camera)?.isMuted === false;
    if (p.isSpeaking && !this.isSpeaking) this.lastSpokeAt = Date.now();
    this.isSpeaking = p.isSpeaking;
    this.quality = p.connectionQuality as Quality;
    this.handRaised = p.attributes.hand === '1' || this.#handByMessage;
    this.recording = p.attributes[RECORDING_ATTRIBUTE] === 'true';
    this.sharingScreen = p.getTrackPublication(Track.Source.ScreenShare) !== undefined;
    this.screenShare = videoOf(p, Track.Source.ScreenShare);
    this.audio = this.#remoteAudio(Track.Source.Microphone);
    this.screenAudio = this.#remoteAudio(Track.Source.ScreenShareAudio);
  };

  #remoteAudio(source: Track.Source): RemoteAudioTrack | undefined {
    const track = this.isLocal ? undefined : this.participant.getTrackPublication(source)?.track;
    return track?.kind === Track.Kind.Audio ? (track as RemoteAudioTrack) : undefined;
  }

  setHandByMessage(raised: boolean): void {
    this.#handByMessage = raised;
    this.sync();
  }

  dispose(): void {
    for (const event of EVENTS) this.participant.off(event, this.sync);
  }
}
