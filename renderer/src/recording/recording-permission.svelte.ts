// Whether the host lets this participant record, known without asking the app server: the join
// grant says it, the meeting's announcements (RoomSession.liveSettings, from LiveKit's room
// metadata) keep it current, and a refusal by the app server corrects what was stale. Hosts may
// always record. The app server decides in the end (server/src/recording/routes.ts); this is
// what the Record button shows before anyone presses it.
import type { LiveRoomSettings } from '../../../common/api.js';

export class RecordingPermission {
  #allowed = $state(true);
  readonly #unwatch: () => void;

  constructor(
    /** The room's allowRecording in the join grant. */
    allowRecording: boolean,
    private readonly isHost: boolean,
    live: () => LiveRoomSettings | null,
  ) {
    this.#allowed = allowRecording;
    this.#unwatch = $effect.root(() => {
      $effect(() => {
        const settings = live();
        if (settings) this.#allowed = settings.allowRecording;
      });
    });
  }

  get forbiddenByHost(): boolean {
    return !this.isHost && !this.#allowed;
  }

  /** The app server refused a mark or withdrew ours: the host has forbidden recording. */
  refused(): void {
    this.#allowed = false;
  }

  dispose(): void {
    this.#unwatch();
  }
}
