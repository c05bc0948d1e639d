// Starts a throwaway stack (real livekit-server + real app server) for a test file.
import { startStack, type Stack } from '../../scripts/stack/stack.js';

export type { Stack };

export function startTestStack(
  appEnv?: Record<string, string>,
  options: { seedUsers?: boolean } = {},
): Promise<Stack> {
  return startStack({
    mode: 'test',
    ...(options.seedUsers ? { seedUsers: true } : {}),
    ...(appEnv ? { appEnv } : {}),
    onLine: process.env.CONVENE_STACK_LOGS ? (src, line) => console.log(`[${src}] ${line}`) : undefined,
  });
}
