// The waiting room. Hosts: GET /rooms/:id/waiting, POST /rooms/:id/waiting/:requestId/admit
// and /deny. The waiting client long-polls GET /waiting/:ticket, which answers as soon as a
// host decides or after the hold time with { status: 'waiting' }.
import type { FastifyPluginAsync } from 'fastify';
import type { WaitingRequest, WaitingStatus } from '../../../common/api.js';
import { serve } from '../api/serve.js';
import type { WaitingRequestRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { JoinService } from '../join/join-service.js';
import type { RoomStore } from '../rooms/store.js';
import type { WaitingNotifier } from './notifier.js';
import type { WaitingStore } from './store.js';

export interface WaitingRoutesOptions {
  rooms: RoomStore;
  waiting: WaitingStore;
  notifier: WaitingNotifier;
  joins: JoinService;
  /** How long GET /waiting/:ticket holds an undecided request (default 25 s). */
  holdMs?: number;
}

/** An admitted ticket yields tokens for this long; after that the guest asks again. */
const ADMITTED_TICKET_TTL_MS = 10 * 60 * 1000;
/** Re-read the database this often while holding, to see decisions made on other instances. */
const RECHECK_MS = 2000;

export const waitingRoutes: FastifyPluginAsync<WaitingRoutesOptions> = async (app, options) => {
  const { rooms, waiting, notifier, joins } = options;
  const holdMs = options.holdMs ?? 25_000;

  const decide = async (roomId: string, requestId: string, status: 'admitted' | 'denied') => {
    if (!(await waiting.decide(roomId, requestId, status))) {
      throw new AppError('NOT_FOUND', 'Nobody with that request is waiting.');
    }
    notifier.notify(requestId);
  };

  serve(app, {
    'waiting.list': async (req) => {
      const requests: WaitingRequest[] = (await waiting.listWaiting(req.roomAccess.room.id)).map((r) => ({
        id: r.id,
        displayName: r.display_name,
        requestedAt: new Date(r.requested_at).toISOString(),
      }));
      return requests;
    },
    'waiting.admit': (req) => decide(req.roomAccess.room.id, req.params.requestId, 'admitted'),
    'waiting.deny': (req) => decide(req.roomAccess.room.id, req.params.requestId, 'denied'),

    'waiting.poll': async (req, reply) => {
      const { ticket } = req.params;
      let request = await waiting.findByTicket(ticket);
      if (!request) throw new AppError('NOT_FOUND', 'This waiting ticket is not known.');
      // Stop holding when the client goes away, so abandoned polls do not pile up. (The
      // response's 'close', not the request's: a request closes once its body has been read.)
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      const deadline = Date.now() + holdMs;
      while (request.status === 'waiting' && Date.now() < deadline && !gone.signal.aborted) {
        await notifier.wait(request.id, Math.min(RECHECK_MS, deadline - Date.now()), gone.signal);
        request = (await waiting.findByTicket(ticket)) ?? request;
      }
      return answer(request);
    },
  });

  async function answer(request: WaitingRequestRow): Promise<WaitingStatus> {
    if (request.status !== 'admitted') return { status: request.status };
    if ((request.decided_at ?? 0) + ADMITTED_TICKET_TTL_MS < Date.now()) {
      throw new AppError('NOT_FOUND', 'This waiting ticket has expired; ask to join again.');
    }
    const room = await rooms.findById(request.room_id);
    if (!room) throw new AppError('NOT_FOUND', 'The meeting no longer exists.');
    const joiner = { identity: request.identity, displayName: request.display_name, role: request.role };
    const client = { address: request.address, userAgent: request.user_agent };
    const grant = await joins.grant(room, joiner, client, request.decided_at ?? 0);
    return { status: 'admitted', ...grant };
  }
};
