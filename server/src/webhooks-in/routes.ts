// POST /webhooks/livekit: LiveKit's signed event notifications. The body is kept as the exact
// string LiveKit sent, because the signature covers a hash of those bytes; the event is stored
// durably before the 200 goes out, so LiveKit retries anything we did not keep.
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../api/serve.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { factsOf, type LivekitFacts } from '../livekit/facts.js';
import type { MeetingStartPush } from '../push/room-events.js';
import { IngestBatcher } from './batcher.js';
import { LivekitWebhookVerifier } from './verify.js';

export interface LivekitWebhookOptions {
  config: Config;
  database: Database;
  /** Called after a commit that queued outgoing webhooks. */
  onQueued: () => void;
  /** Called with every verified event as it arrives, before it is stored (enforcement). */
  onEvent?: (facts: LivekitFacts) => void;
  /** Runs each batch's transaction and, inside it, announces the meetings it began. */
  push: MeetingStartPush;
}

export const livekitWebhookRoutes: FastifyPluginAsync<LivekitWebhookOptions> = async (
  app,
  { config, database, onQueued, onEvent, push },
) => {
  const verifier = new LivekitWebhookVerifier(config.livekit.apiKey, config.livekit.apiSecret);
  const batcher = new IngestBatcher(database, push);
  // Runs before the database closes (hooks run in reverse order): let started commits finish.
  app.addHook('onClose', () => batcher.drain());

  // Scoped to this plugin: elsewhere JSON is parsed as usual.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/webhook+json', 'application/json'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );

  serve(app, {
    'livekit.webhook': async (req) => {
      const event = await verifier.verify(req.body, req.headers.authorization);
      const receivedAt = Date.now();
      const facts = factsOf(event, receivedAt);
      onEvent?.(facts);
      const result = await batcher.submit({ facts, rawBody: req.body, receivedAtMs: receivedAt });
      if (result.queued > 0) onQueued();
      req.log.debug(
        { eventId: facts.id, event: facts.eventName, duplicate: result.duplicate },
        'livekit event',
      );
      return { received: true, duplicate: result.duplicate };
    },
  });
};
