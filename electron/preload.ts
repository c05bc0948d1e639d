// Exposes the contract to the page as `window.convene`, generically: invoke(method, args) and
// on(event, listener). No raw ipcRenderer, no channel strings beyond channels.ts. The main
// process checks the origin and validates every argument; here only the names are checked.
// Bundled to CommonJS (sandboxed preloads cannot load ES modules): see package.json "build".
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CONTRACT_NAME, eventChannel, invokeChannel } from './channels.js';
import type { ConveneBridge } from './contract.js';

function checkName(kind: string, name: unknown): string {
  if (typeof name !== 'string' || !CONTRACT_NAME.test(name))
    throw new TypeError(`Not a contract ${kind}: ${String(name)}`);
  return name;
}

const bridge: ConveneBridge = {
  invoke: ((method: unknown, args?: unknown) =>
    ipcRenderer.invoke(invokeChannel(checkName('method', method)), args)) as ConveneBridge['invoke'],
  on: ((event: unknown, listener: (payload: unknown) => void) => {
    const channel = eventChannel(checkName('event', event));
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  }) as ConveneBridge['on'],
};

contextBridge.exposeInMainWorld('convene', bridge);
