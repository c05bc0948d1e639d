// Serves the built renderer from app://convene/ with a strict Content-Security-Policy header:
// both of its pages, the app window's index.html and the ring window's ring.html, under one CSP.
// A real origin (instead of file://) lets IPC, permissions and CSP all check one thing.
import { net, protocol, type Session } from 'electron';
import { resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { answerRange } from '../services/recordings/byte-range.js';
import type { RecordingService } from '../services/recordings/recording-service.js';
import { APP_HOST, APP_SCHEME } from '../origins.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function serveRenderer(session: Session, rendererDir: string, recordings: RecordingService): void {
  const root = resolve(rendererDir);
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const recording = /^\/recordings\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (recording?.[1]) return serveRecording(recordings, recording[1], request.headers.get('range'));
    const path = resolve(root, `.${decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)}`);
    // Never serve anything outside the renderer directory, whatever the path says.
    if (path !== root && !path.startsWith(root + sep)) return new Response('Forbidden', { status: 403 });
    const file = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(file.body, { status: file.status, headers });
  });
}

/** A recording for the in-app player, with Range support so it can seek. */
async function serveRecording(
  recordings: RecordingService,
  id: string,
  range: string | null,
): Promise<Response> {
  const entry = recordings.list().then((all) => all.find((e) => e.id === id && e.state !== 'recording'));
  const found = await entry;
  if (!found || found.state === 'missing') return new Response('Not found', { status: 404 });
  const answer = await answerRange(found.path, found.mimeType, range ?? undefined);
  const body = answer.body ? (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** The Vite dev server has no CSP of its own; add the same header to its responses. */
export function addCspToDevServer(session: Session, devServerOrigin: string): void {
  session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
