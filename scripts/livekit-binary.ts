// Finds the pinned livekit-server binary, or builds it with `go install` into a cache outside git.
// Order: $LIVEKIT_SERVER_BIN, then PATH, then the cache; a second run is a file lookup.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const LIVEKIT_VERSION = '1.13.5';
const LIVEKIT_MODULE = 'github.com/livekit/livekit-server/cmd/server';

export function cacheDir(): string {
  return (
    process.env.CONVENE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'convene')
  );
}

export function cachedBinaryPath(): string {
  return join(cacheDir(), `livekit-server-v${LIVEKIT_VERSION}`, 'livekit-server');
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The binary to use, or undefined when none is installed yet. */
export function findLivekitServer(): string | undefined {
  const fromEnv = process.env.LIVEKIT_SERVER_BIN;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`LIVEKIT_SERVER_BIN points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const cached = cachedBinaryPath();
  return onPath('livekit-server') ?? (existsSync(cached) ? cached : undefined);
}

/** Go on PATH, or where its official archive unpacks. */
export function findGo(): string | undefined {
  return onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

export const INSTALL_HELP =
  `livekit-server v${LIVEKIT_VERSION} is not installed and Go is not available to build it. ` +
  `Install Go 1.26 or newer and run "npm run livekit:provision", or download livekit-server ` +
  `v${LIVEKIT_VERSION} yourself and set LIVEKIT_SERVER_BIN to its path.`;

/** Returns a usable binary, building the pinned release when needed. */
export async function ensureLivekitServer(log: (line: string) => void = console.log): Promise<string> {
  const found = findLivekitServer();
  if (found) return found;
  const go = findGo();
  if (!go) throw new Error(INSTALL_HELP);

  const target = cachedBinaryPath();
  const targetDir = join(target, '..');
  await mkdir(targetDir, { recursive: true });
  const gobin = await mkdtemp(join(targetDir, 'build-'));
  log(`Building livekit-server v${LIVEKIT_VERSION} with ${go} (a few minutes, once)...`);
  try {
    // The module's main package is cmd/server, so the binary comes out named `server`.
    await run(go, ['install', `${LIVEKIT_MODULE}@v${LIVEKIT_VERSION}`], {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' },
      maxBuffer: 64 * 1024 * 1024,
    });
    await rename(join(gobin, 'server'), target);
  } catch (err) {
    throw new Error(`Building livekit-server v${LIVEKIT_VERSION} failed: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
  log(`livekit-server installed at ${target}`);
  return target;
}
