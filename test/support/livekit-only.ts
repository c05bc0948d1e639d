// A throwaway real livekit-server without the app server child, for tests that build the app
// server in process (test/support/core-app.ts): less to start on a busy two-core machine.
import { startStack, type Stack } from '../../scripts/stack/stack.js';

export function startLivekit(): Promise<Stack> {
  return startStack({
    mode: 'test',
    appServer: false,
    onLine: process.env.CONVENE_STACK_LOGS ? (src, line) => console.log(`[${src}] ${line}`) : undefined,
  });
}
