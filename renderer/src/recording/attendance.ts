// Who was in the meeting when, as this client saw it, for the local meeting log: the history
// view draws a bar per person from it even when the app server cannot be reached.
import { RoomEvent, type Participant, type Room } from 'livekit-client';
import type { LocalMeeting } from '../../../electron/contract.js';

type Attendee = LocalMeeting['participants'][number];

export class Attendance {
  readonly startedAt = new Date().toISOString();
  readonly #people: Attendee[] = [];

  constructor(private readonly room: Room) {
    // The room view may start before or after the room connects.
    this.#joinAll();
    room.on(RoomEvent.Connected, this.#joinAll);
    room.on(RoomEvent.ParticipantConnected, (p) => this.#join(p));
    room.on(RoomEvent.ParticipantDisconnected, (p) => this.#leave(p.identity));
  }

  #joinAll = (): void => {
    this.#join(this.room.localParticipant);
    for (const p of this.room.remoteParticipants.values()) this.#join(p, p.joinedAt);
  };

  #join(p: Participant, at: Date | undefined = undefined): void {
    if (!p.identity) return; // the local participant before the room has connected
    const open = this.#people.find((a) => a.identity === p.identity && a.leftAt === null);
    if (open) return;
    this.#people.push({
      identity: p.identity,
      name: p.name || p.identity,
      joinedAt: (at && at.getTime() > 0 ? at : new Date()).toISOString(),
      leftAt: null,
    });
  }

  #leave(identity: string): void {
    const open = this.#people.find((a) => a.identity === identity && a.leftAt === null);
    if (open) open.leftAt = new Date().toISOString();
  }

  /** Everyone, with those still present closed at `endedAt`. */
  people(endedAt: string): Attendee[] {
    return this.#people.map((a) => ({ ...a, leftAt: a.leftAt ?? endedAt }));
  }
}
