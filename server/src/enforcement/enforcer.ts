// Enforcement driven by LiveKit's webhooks. A LiveKit token stays valid until it expires and
// LiveKit hands connected clients fresh ones, so a removed person (or someone holding an old
// token for a room that is now locked) can connect again without asking the app server. The
// app server sees every connection as a participant_joined webhook and removes such a
// participant at once through RoomService. track_published is checked too, as a backstop for a
// lost participant_joined. With several app server instances each gets every webhook; the
// second removal finds nobody and is ignored.
import type { FastifyBaseLogger } from 'fastify';
import { Role } from '../../../common/api.js';
import type { LiveKitRooms } from '../join/livekit-rooms.js';
import type { RoomStore } from '../rooms/store.js';
import type { LivekitFacts } from '../webhooks-in/facts.js';
import type { EntryPolicy } from './entry-policy.js';
import type { EnforcementStore } from './store.js';

export class Enforcer {
  constructor(
    private readonly rooms: RoomStore,
    private readonly store: EnforcementStore,
    private readonly policy: EntryPolicy,
    private readonly livekit: LiveKitRooms,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Called for every verified webhook, alongside storing it; never throws. */
  onEvent(facts: LivekitFacts): void {
    this.handle(facts).catch((err: unknown) => {
      this.log.warn({ err, eventId: facts.id, event: facts.event }, 'enforcement failed');
    });
  }

  private async handle(facts: LivekitFacts): Promise<void> {
    if (!facts.room) return;
    switch (facts.event) {
      case 'participant_joined':
      case 'track_published':
        return this.check(facts.room.name, facts.participant);
      case 'room_finished':
        return this.store.clearRemovals(facts.room.name, facts.createdAtMs);
      default:
        return;
    }
  }

  private async check(roomId: string, participant: LivekitFacts['participant']): Promise<void> {
    if (!participant) return;
    const room = await this.rooms.findById(roomId);
    if (!room) return; // a room the app did not create: not ours to police
    const verdict = await this.policy.verdict(room, participant.identity, roleOf(participant.metadata));
    if (verdict === 'allowed') return;
    this.log.info(
      { roomId, identity: participant.identity, verdict },
      'removing a participant who may not be here',
    );
    await this.livekit.removeIfPresent(roomId, participant.identity);
  }
}

function roleOf(metadata: string): Role | null {
  try {
    const parsed = Role.safeParse((JSON.parse(metadata) as { role?: unknown }).role);
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // metadata not set by this server
  }
}
