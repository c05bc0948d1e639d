// A Vitest environment that is plain Node but transforms modules as for the browser, so
// vite-plugin-svelte compiles .svelte.ts files for the client (where effects run) rather than
// for server rendering (where they never do). No DOM is simulated: these units need none.
import type { Environment } from 'vitest/environments';

export default {
  name: 'node-client-transform',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => undefined }),
} satisfies Environment;
