// Serves the built renderer (dist/renderer) on 127.0.0.1 with the desktop app's own CSP header,
// standing in for the app:// protocol handler that only exists inside Electron.
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../electron/adapters/csp.js';
import { answerRange } from '../../../electron/services/recordings/byte-range.js';
import type { RecordingService } from '../../../electron/services/recordings/recording-service.js';

async function serveRecording(
  service: RecordingService,
  id: string,
  range: string | undefined,
  res: ServerResponse,
): Promise<void> {
  const entry = (await service.list()).find(
    (e) => e.id === id && e.state !== 'recording' && e.state !== 'missing',
  );
  if (!entry) {
    res.writeHead(404).end();
    return;
  }
  const answer = await answerRange(entry.path, entry.mimeType, range);
  res.writeHead(answer.status, answer.headers);
  if (answer.body) answer.body.pipe(res);
  else res.end();
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticRenderer {
  origin: string;
  /** Serves /recordings/<id> from this service, as the app:// handler does in the desktop app. */
  serveRecordings(service: RecordingService | undefined): void;
  close(): Promise<void>;
}

export async function serveRenderer(dir: string): Promise<StaticRenderer> {
  const root = resolve(dir);
  let recordings: RecordingService | undefined;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const recording = /^\/recordings\/([0-9a-f-]{36})$/.exec(path);
    if (recording?.[1] && recordings) {
      void serveRecording(recordings, recording[1], req.headers.range, res);
      return;
    }
    const file = resolve(root, `.${path === '/' ? '/index.html' : decodeURIComponent(path)}`);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'content-security-policy': CONTENT_SECURITY_POLICY,
          })
          .end(body),
      // Single-page app: unknown paths get the shell, like the app:// handler's index.
      () =>
        readFile(join(root, 'index.html')).then(
          (body) => res.writeHead(200, { 'content-type': 'text/html' }).end(body),
          () => res.writeHead(404).end(),
        ),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    serveRecordings: (service) => (recordings = service),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
