// The Platform inside the desktop app: a thin wrapper over the preload bridge (window.convene).
// The main process validates every argument; here outcomes become values or PlatformErrors.
import type { ConveneBridge } from '../../../electron/contract.js';
import { callThrough, PlatformError, type Platform } from './platform.js';

export function createElectronPlatform(bridge: ConveneBridge): Platform {
  const invoke: Platform['invoke'] = async (method, ...args) => {
    const outcome = await bridge.invoke(method, ...args);
    if (!outcome.ok) throw new PlatformError(outcome.error.code, outcome.error.message);
    return outcome.value;
  };
  return {
    kind: 'electron',
    invoke,
    on: (event, listener) => bridge.on(event, listener),
    // Main validates the call against the route table and adds the access token.
    call: callThrough(invoke),
  };
}
