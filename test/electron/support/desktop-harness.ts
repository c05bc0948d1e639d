// Builds the main-process services the way main.ts does, with real parts: a temp user-data
// directory, the real keychain (keytar over gnome-keyring) under a unique service name, a real
// app server. Only the Electron facilities are replaced (see each port).
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import WebSocket from 'ws';
import type { SocketLike } from '../../../common/push-client.js';
import type { EventName, Events, ScreenSource } from '../../../electron/contract.js';
import {
  createDesktopServices,
  type DesktopPorts,
  type DesktopServices,
} from '../../../electron/services/desktop-services.js';
import type { LogSink } from '../../../electron/services/logger.js';

export interface Harness {
  services: DesktopServices;
  events: Array<{ event: EventName; payload: unknown }>;
  logs: string[];
  userDataDir: string;
  credentialService: string;
  /** Paths the app asked the OS to show in their folder. */
  shownInFolder: string[];
}

/** desktopCapturer cannot run outside Electron: a fixed list of sources stands in for it. */
export const STAND_IN_SOURCES: ScreenSource[] = [
  { id: 'screen:1:0', name: 'Entire screen', kind: 'screen', thumbnailDataUrl: 'data:image/png;base64,AAAA' },
  { id: 'window:42:0', name: 'Slides', kind: 'window', thumbnailDataUrl: 'data:image/png;base64,BBBB' },
];

export async function startHarness(
  overrides: Partial<DesktopPorts> & { userDataDir?: string } = {},
): Promise<Harness> {
  const events: Harness['events'] = [];
  const shownInFolder: string[] = [];
  const logs: string[] = [];
  const logSink: LogSink = {
    write: (level, scope, message, data) =>
      logs.push(`${level} [${scope}] ${message} ${JSON.stringify(data) ?? ''}`),
  };
  const userDataDir = overrides.userDataDir ?? (await mkdtemp(join(tmpdir(), 'convene-userdata-')));
  const credentialService = overrides.credentialService ?? `convene-test-${randomUUID()}`;
  const services = await createDesktopServices({
    appInfo: { name: 'Convene', version: '0.0.0-test', platform: 'linux', electronVersion: null },
    policyPath: join(userDataDir, 'no-policy.json'),
    keytar,
    encryption: undefined,
    sources: { list: async () => STAND_IN_SOURCES },
    audioSupported: false,
    emit: <E extends EventName>(event: E, payload: Events[E]) => events.push({ event, payload }),
    logSink,
    // Electron's app.getPath('videos') and shell.showItemInFolder cannot run here.
    videosDir: join(userDataDir, 'Videos'),
    recordingOs: { showInFolder: (path) => shownInFolder.push(path), playbackBase: '' },
    // Node 20 has no global WebSocket (Electron's Node 22 does): the push channel uses `ws`.
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    ...overrides,
    userDataDir,
    credentialService,
  });
  return { services, events, logs, userDataDir, credentialService, shownInFolder };
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
