// ipc.ts's core without Electron: origin check, argument validation against the contract's
// schemas, unknown methods, and errors crossing as { code, message } only.
import { describe, expect, it } from 'vitest';
import { methods } from '../../electron/contract.js';
import type { IpcMain } from 'electron';
import { invokeChannel } from '../../electron/channels.js';
import { dispatch, registerIpc } from '../../electron/ipc.js';
import { isTrustedUrl, type TrustedOrigins } from '../../electron/origins.js';
import { ServiceError } from '../../electron/services/errors.js';
import type { Handlers } from '../../electron/services/handlers.js';
import { memoryLog } from './support/memory-log.js';

const trusted: TrustedOrigins = {};
const page = 'app://convene/index.html';
const calls: Array<{ method: string; args: unknown }> = [];

const handlers = new Proxy({} as Handlers, {
  get: (_target, method: string) => (args: unknown) => {
    calls.push({ method, args });
    if (method === 'policy.get') throw new ServiceError('NOT_FOUND', 'No such room.');
    if (method === 'app.info') throw new Error(`db at /home/alice exploded with secret s3cr3t`);
    return { echoed: args };
  },
});

describe('isTrustedUrl', () => {
  it("trusts only the app's own origin and, in development, the dev server", () => {
    expect(isTrustedUrl(page, trusted)).toBe(true);
    expect(isTrustedUrl('app://convene/sub/x.html?a=1#b', trusted)).toBe(true);
    expect(isTrustedUrl('app://convene.evil.example/index.html', trusted)).toBe(false);
    expect(isTrustedUrl('app://evil/index.html', trusted)).toBe(false);
    expect(isTrustedUrl('app://user@convene/index.html', trusted)).toBe(false);
    expect(isTrustedUrl('app://convene:8080/index.html', trusted)).toBe(false);
    expect(isTrustedUrl('file:///tmp/downloaded.html', trusted)).toBe(false);
    expect(isTrustedUrl('https://evil.example/', trusted)).toBe(false);
    expect(isTrustedUrl(undefined, trusted)).toBe(false);
    expect(isTrustedUrl('not a url', trusted)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:5173/', trusted)).toBe(false);
    const dev = { devServerOrigin: 'http://127.0.0.1:5173' };
    expect(isTrustedUrl('http://127.0.0.1:5173/src/App.svelte', dev)).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:5174/', dev)).toBe(false);
  });
});

describe('dispatch', () => {
  const run = (method: string, args: unknown, frame = page) =>
    dispatch(handlers, method, args, frame, trusted, memoryLog().log);

  it('calls the handler with validated (and defaulted) arguments', async () => {
    const outcome = await run('auth.signIn', {
      serverUrl: 'https://x.example',
      username: ' al ',
      password: 'p',
    });
    expect(outcome).toEqual({
      ok: true,
      value: { echoed: { serverUrl: 'https://x.example', username: 'al', password: 'p' } },
    });
  });

  it('refuses a foreign frame before doing anything', async () => {
    calls.length = 0;
    expect(await run('auth.status', undefined, 'https://evil.example/')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_ORIGIN', message: 'This page may not call the desktop app.' },
    });
    expect(calls).toEqual([]);
  });

  it('refuses unknown methods, including prototype names', async () => {
    for (const name of ['rooms.nuke', 'rooms.join', 'constructor', '__proto__', 'toString']) {
      expect(await run(name, undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('refuses invalid arguments with a message naming the field', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['auth.signIn', { serverUrl: 'javascript:alert(1)', username: 'a', password: 'b' }, /serverUrl/],
      ['auth.signIn', { serverUrl: 'not a url', username: 'a', password: 'b' }, /serverUrl/],
      ['auth.signIn', { serverUrl: 'https://u:p@x.example', username: 'a', password: 'b' }, /credentials/],
      ['settings.set', { serverUrl: '' }, /serverUrl/],
      ['auth.signIn', { serverUrl: 'https://x.example', username: 'a' }, /password/],
      [
        'auth.signIn',
        { serverUrl: 'https://x.example', username: 'a', password: 'b', extra: 1 },
        /extra|Unrecognized/,
      ],
      ['settings.set', { joinWithCamera: 'yes' }, /joinWithCamera/],
      ['screen.choose', { sourceId: 42, audio: false }, /sourceId/],
      ['api.call', 'rooms.join', /./],
      ['api.call', { route: 'auth.refresh' }, /route/],
      ['api.call', { route: 'rooms.join', args: { params: { id: 7 } } }, /params/],
      ['api.call', { route: 'rooms.list', serverUrl: 'file:///etc/passwd' }, /serverUrl/],
      ['meeting.state', { inMeeting: true }, /muted/],
    ];
    for (const [method, args, message] of cases) {
      const outcome = await run(method, args);
      expect(outcome, method).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      if (!outcome.ok) expect(outcome.error.message, method).toMatch(message);
    }
  });

  it('passes coded errors through and hides unexpected ones', async () => {
    expect(await run('policy.get', undefined)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such room.' },
    });
    const hidden = await run('app.info', undefined);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toMatch(/s3cr3t|alice|at .*\.ts/);
  });

  it('has a schema for every method in the contract', () => {
    for (const [name, spec] of Object.entries(methods)) expect(spec.args, name).toBeDefined();
  });
});

describe('registerIpc', () => {
  it('registers one channel per contract method, each checking the calling frame', async () => {
    // STAND-IN for Electron's ipcMain (no Electron binary here): records what is registered.
    const registered = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, fn: (event: unknown, args: unknown) => Promise<unknown>) =>
        registered.set(channel, fn),
    };
    registerIpc(ipcMain as unknown as IpcMain, handlers, trusted, memoryLog().log);
    expect([...registered.keys()].sort()).toEqual(Object.keys(methods).map(invokeChannel).sort());

    const join = registered.get(invokeChannel('api.call'));
    const args = { route: 'rooms.join', args: { params: { id: 'weekly' } } };
    expect(await join?.({ senderFrame: { url: page } }, args)).toEqual({ ok: true, value: { echoed: args } });
    expect(await join?.({ senderFrame: { url: 'https://evil.example/' } }, args)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ORIGIN' },
    });
    // A destroyed frame has no URL: refused too.
    expect(await join?.({ senderFrame: null }, args)).toMatchObject({ ok: false });
  });
});
