// The real preload bundle (as `npm run build:preload` makes it), run in a fresh V8 context with
// STAND-INS for Electron's contextBridge and ipcRenderer, which only exist inside Electron.
import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ConveneBridge } from '../../electron/contract.js';
import { REPO_ROOT } from '../../scripts/stack/stack.js';

async function loadPreload() {
  const bundle = await build({
    entryPoints: [join(REPO_ROOT, 'electron', 'preload.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
  });
  const exposed = new Map<string, unknown>();
  const invoked: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => {
        invoked.push([channel, args]);
        return { ok: true, value: null };
      },
      on: (channel: string, fn: (event: unknown, payload: unknown) => void) =>
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(fn)),
      removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) =>
        listeners.get(channel)?.delete(fn),
    },
  };
  const require = (name: string) => {
    if (name !== 'electron') throw new Error(`the preload must not require ${name}`);
    return electron;
  };
  runInNewContext(bundle.outputFiles[0]?.text ?? '', { require, module: { exports: {} }, exports: {} });
  const emit = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((fn) => fn({}, payload));
  return { exposed, invoked, listeners, emit };
}

describe('preload', () => {
  it('exposes only window.convene, mapping methods and events to their channels', async () => {
    const { exposed, invoked, emit, listeners } = await loadPreload();
    expect([...exposed.keys()]).toEqual(['convene']);
    const bridge = exposed.get('convene') as ConveneBridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);

    const args = { route: 'rooms.join', args: { params: { id: 'weekly' } } } as const;
    expect(await bridge.invoke('api.call', args)).toEqual({ ok: true, value: null });
    expect(invoked).toEqual([['convene:invoke:api.call', args]]);

    const seen: unknown[] = [];
    const off = bridge.on('tray.command', (command) => seen.push(command));
    emit('convene:event:tray.command', 'toggle-mute');
    off();
    emit('convene:event:tray.command', 'leave');
    expect(seen).toEqual(['toggle-mute']);
    expect(listeners.get('convene:event:tray.command')?.size).toBe(0);
  });

  it('refuses names that are not contract names, so no other channel can be reached', async () => {
    const { exposed, invoked } = await loadPreload();
    const bridge = exposed.get('convene') as {
      invoke(m: unknown, a?: unknown): unknown;
      on(e: unknown, l: unknown): unknown;
    };
    for (const name of ['', 'electron', 'api.call:x', '../x', 'convene:invoke:api.call', 42, null]) {
      expect(() => bridge.invoke(name), String(name)).toThrow(/Not a contract method/);
    }
    expect(() => bridge.on('ELECTRON_BROWSER_WINDOW', () => undefined)).toThrow(/Not a contract event/);
    expect(() => bridge.on('tray.command', 'not a function')).toThrow(/listener/);
    expect(invoked).toEqual([]);
  });
});
