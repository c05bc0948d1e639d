// The stack launcher against the real livekit-server binary and the real app server.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startTestStack } from '../support/stack.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidsListeningOn(port: number): Promise<number[]> {
  // `ss -ltnp` names the process behind each listening socket.
  return new Promise((resolve) => {
    const ss = spawn('ss', ['-Hltnp', `sport = :${port}`]);
    let out = '';
    ss.stdout.on('data', (c: Buffer) => (out += c.toString()));
    ss.on('close', () => resolve([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]))));
  });
}

/** The first stdout line that parses as JSON; fails with the child's stderr if it exits first. */
function firstJsonLine<T>(child: ChildProcessByStdio<null, Readable, Readable>): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      for (const line of out.split('\n').slice(0, -1)) {
        if (line.startsWith('{')) resolve(JSON.parse(line) as T);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`launcher exited (${code}) before printing:\n${out}\n${err}`)),
    );
  });
}

describe('startStack', () => {
  it('runs two stacks side by side on different ports and stops both without orphans', async () => {
    const [a, b] = await Promise.all([startTestStack(), startTestStack()]);
    try {
      expect(a.appUrl).not.toBe(b.appUrl);
      expect(a.livekitUrl).not.toBe(b.livekitUrl);
      expect(a.keys.apiSecret.length).toBeGreaterThanOrEqual(32);
      expect(a.keys.apiKey).not.toBe(b.keys.apiKey);
      for (const stack of [a, b]) {
        const ready = await fetch(`${stack.appUrl}/health/ready`);
        expect(ready.status).toBe(200);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const ports = [a, b].flatMap((s) => [new URL(s.appUrl).port, new URL(s.livekitApiUrl).port]).map(Number);
    for (const port of ports) {
      const pids = await pidsListeningOn(port);
      expect(pids.filter(isAlive), `something still listens on ${port}`).toEqual([]);
    }
  }, 120_000);

  it('takes its servers down with it when the launching process is killed outright', async () => {
    // A child node process starts a stack, prints its ports, and is then SIGKILLed: the kernel's
    // parent-death signal must stop livekit-server and the app server.
    const script = `
      import { startStack } from './scripts/stack/stack.ts';
      const s = await startStack({ mode: 'test' });
      console.log(JSON.stringify({ app: s.appUrl, lk: s.livekitApiUrl }));
      setInterval(() => {}, 1000);`;
    const launcher = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const urls = await firstJsonLine<{ app: string; lk: string }>(launcher);
    const ports = [urls.app, urls.lk].map((u) => Number(new URL(u).port));
    const before = (await Promise.all(ports.map(pidsListeningOn))).flat();
    expect(before.length).toBeGreaterThanOrEqual(2);

    launcher.kill('SIGKILL');
    await once(launcher, 'exit');
    const deadline = Date.now() + 10_000;
    while (before.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(before.filter(isAlive)).toEqual([]);
  }, 120_000);
});
