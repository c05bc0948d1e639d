// Tells everyone signed in when a colleague's presence changes, over the push channel (a
// `presence` message, outside the event log: see PresenceChange in common/push.ts), so the
// People view needs no polling: when someone sets their status or enters or leaves a meeting,
// and when their first client connects or their last one goes: closed, or swept with a dead
// app-server instance by the live instance that swept it (push/instance-lease.ts). Clients
// re-read the directory whenever their own push connection comes back.
// A user whose last client is gone is in no meeting any more: a client that crashed or was
// closed in a meeting never says it left, and its flag would otherwise make every later call
// ring silently ("you are in a meeting"). A client still in a meeting says so again when its
// push connection comes back (renderer/src/lib/app-state.svelte.ts).
import type { FastifyBaseLogger } from 'fastify';
import type { Presence } from '../../../common/people.js';
import type { ConnectionRegistry } from '../push/connection-registry.js';
import type { PushHub } from '../push/hub.js';
import { effectivePresence, type PeopleStore } from './store.js';

export class PresenceEvents {
  private readonly queue = new Map<string, Promise<void>>();
  /** The last presence told about each user, by any instance: two clients closing at once each
   *  see "no connection left" (or a close and a sweep), and the second reading must not be told
   *  again. */
  private readonly told = new Map<string, Presence>();

  constructor(
    private readonly people: PeopleStore,
    private readonly hub: PushHub,
    registry: ConnectionRegistry,
    private readonly log: FastifyBaseLogger,
  ) {
    registry.onChange((userId) => void this.connectionsChanged(userId));
    hub.onPresence((change) => this.told.set(change.userId, change.presence));
  }

  /** The effective presence of a user now (offline for an unknown or disabled one). */
  async presenceOf(userId: string): Promise<Presence> {
    const state = (await this.people.presenceOf([userId])).get(userId);
    return state ? effectivePresence(state) : 'offline';
  }

  /** After a change that may or may not alter what others see: sends it only if it does. */
  async announceIfChanged(userId: string, before: Presence, after: Presence): Promise<void> {
    if (before !== after) await this.announceCurrent(userId);
  }

  /** A user's first client connected or their last one went: clears a meeting flag that no
   *  client is left to clear, then tells others what they now see. */
  private async connectionsChanged(userId: string): Promise<void> {
    try {
      const state = (await this.people.presenceOf([userId])).get(userId);
      if (state && !state.online && state.inMeeting) await this.people.set(userId, { inMeeting: false });
    } catch (err) {
      this.log.warn({ err }, 'presence: a stale meeting flag was not cleared');
    }
    await this.announceCurrent(userId);
  }

  /** Announcements of one user go one after the other, each with the presence read at its turn,
   *  so an older reading never arrives after a newer one from this instance. */
  private announceCurrent(userId: string): Promise<void> {
    const next = (this.queue.get(userId) ?? Promise.resolve())
      .then(() => this.presenceOf(userId))
      .then(async (presence) => {
        if (this.told.get(userId) === presence) return;
        await this.hub.presence({ userId, presence });
        this.told.set(userId, presence);
      })
      .catch((err: unknown) => this.log.warn({ err }, 'presence: the change was not announced'));
    this.queue.set(userId, next);
    void next.then(() => {
      if (this.queue.get(userId) === next) this.queue.delete(userId);
    });
    return next;
  }
}
