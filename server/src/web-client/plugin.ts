// Serves the built web client (dist/renderer) so a browser can join without the desktop app:
// hashed assets under /assets/, cached for a year as immutable and sent pre-compressed (the
// build writes .br and .gz copies; brotli or gzip by the request's Accept-Encoding, the file
// itself otherwise), and index.html for the client's own paths (/, /join/<invite>) with a strict
// Content-Security-Policy.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentSecurityPolicy } from './csp.js';

export const DEFAULT_WEB_CLIENT_DIR = resolve(import.meta.dirname, '..', '..', '..', 'dist', 'renderer');

export interface WebClientOptions {
  /** LiveKit's signalling URL, the one other place the page may connect to. */
  livekitUrl: string;
  /** The Vite build output; defaults to dist/renderer in the repository. */
  root?: string;
}

/** An invite is one URL-safe segment (a signed token, longer than Fastify's 100-character
 *  parameter limit, hence a wildcard route checked here). */
const INVITE_PATH = /^\/join\/[A-Za-z0-9._~%-]{1,4096}\/?$/;

export const webClientPlugin: FastifyPluginAsync<WebClientOptions> = async (app, options) => {
  const root = options.root ?? DEFAULT_WEB_CLIENT_DIR;
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ root }, 'web client not built (run `npm run build:renderer`); serving the API only');
    return;
  }
  // Vite builds with relative asset paths (the desktop app loads files); a <base> makes them
  // resolve from the site root on nested paths such as /join/<invite>.
  const html = readFileSync(indexFile, 'utf8').replace('<head>', '<head>\n    <base href="/" />');
  const csp = contentSecurityPolicy(options.livekitUrl);

  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
    preCompressed: true,
  });

  const sendIndex = (reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', csp)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      // An invite sits in the path of /join/<invite>; never hand it to anyone as a referrer.
      .header('referrer-policy', 'no-referrer')
      .send(html);
  app.get('/', (_req, reply) => sendIndex(reply));
  app.get('/join/*', (req, reply) => {
    if (!INVITE_PATH.test(req.url.split('?')[0] ?? '')) return reply.callNotFound();
    return sendIndex(reply);
  });
};
