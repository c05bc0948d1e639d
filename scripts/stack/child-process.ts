// A child process that dies with its parent. On Linux `setpriv --pdeathsig` makes the kernel
// send SIGTERM to the child if this process is killed outright, so no server is orphaned even
// when a test runner is SIGKILLed; elsewhere we rely on the exit handlers below.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  /** Last lines of output, shown when the child fails to start. */
  recentOutput(): string;
  stop(): Promise<void>;
}

const live = new Set<ManagedChild>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.process.kill('SIGKILL');
  });
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Receives each line the child prints (stdout and stderr). */
  onLine?: (line: string) => void;
}

export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  opts: SpawnOptions = {},
): ManagedChild {
  installExitHook();
  const usePdeathsig = process.platform === 'linux' && existsSync('/usr/bin/setpriv');
  const [file, argv] = usePdeathsig
    ? ['/usr/bin/setpriv', ['--pdeathsig', 'TERM', '--', command, ...args]]
    : [command, args];
  const proc = spawn(file, argv, {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const onLine = (line: string): void => {
    if (!line) return;
    tail.push(line);
    if (tail.length > 40) tail.shift();
    opts.onLine?.(line);
  };
  // readline splits each stream into whole lines, however the chunks fall (a line or a UTF-8
  // character straddling two chunks stays whole); one reader per stream keeps them apart.
  for (const stream of [proc.stdout, proc.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }

  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: ManagedChild = {
    name,
    process: proc,
    recentOutput: () => tail.join('\n'),
    async stop() {
      live.delete(child);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(child);
  void exited.then(() => live.delete(child));
  return child;
}

/** A server process that ended during start-up (e.g. its port was taken meanwhile). */
export class ChildExitedError extends Error {
  override name = 'ChildExitedError';
}

/** Polls `url` until it answers 2xx, the child exits, or the timeout passes. */
export async function waitForHttp(child: ManagedChild, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new ChildExitedError(`${child.name} exited before it was ready:\n${child.recentOutput()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs} ms:\n${child.recentOutput()}`);
}
