// `npm start`: the local stack (livekit-server + app server) and the desktop client. Where a
// part cannot start, it says which and why, and keeps the rest running until Ctrl-C.
import { ELECTRON_MISSING, electronBinary } from './electron-binary.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../server/src/users/demo-seed.js';
import { existsSync } from 'node:fs';
import { launchDesktop } from './desktop-launch.js';
import { startStack } from './stack/stack.js';
import { buildWebClient, WEB_CLIENT_INDEX, webClientIsStale } from './web-client-build.js';

const verbose = process.argv.includes('--verbose');
// The app server serves the web client from dist/renderer and reads it once at startup.
if (webClientIsStale()) {
  console.log('Building the web client (dist/renderer)...');
  await buildWebClient();
}
console.log('Starting the Convene stack...');
const stack = await startStack({
  mode: 'dev',
  appPort: Number(process.env.CONVENE_PORT ?? 8080),
  onLine: (source, line) => {
    if (verbose) console.log(`[${source}] ${line}`);
  },
}).catch((err: Error) => {
  console.error(`Could not start the stack: ${err.message}`);
  process.exit(1);
});

console.log(`LiveKit server   ${stack.livekitUrl}`);
console.log(`App server       ${stack.appUrl}  (health: ${stack.appUrl}/health/ready)`);
console.log(`Data             ${stack.dataDir}`);
console.log(`API docs         ${stack.appUrl}/docs/json`);
console.log(
  `Demo users       ${DEMO_USERS.map((u) => u.username + (u.isAdmin ? ' (admin)' : '')).join(', ')}` +
    ` — password "${DEMO_PASSWORD}" (local development only)`,
);
const electron = electronBinary();
if (electron) {
  console.log('Desktop client   building and starting...');
  const desktop = await launchDesktop(electron, stack.appUrl, verbose).catch((err: Error) => {
    console.log(`Desktop client   not started: ${err.message}`);
    return undefined;
  });
  // Quitting the desktop app ends the session, as closing any app would.
  desktop?.process.once('exit', () => process.kill(process.pid, 'SIGTERM'));
} else {
  console.log(`Desktop client   not started. ${ELECTRON_MISSING}`);
}
if (existsSync(WEB_CLIENT_INDEX)) {
  console.log(
    `Web client       ${stack.appUrl}/  (open it in Chromium, Chrome, Edge or Firefox to join meetings)`,
  );
}
console.log('Press Ctrl-C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    void stack.stop().then(() => process.exit(0));
  });
}
