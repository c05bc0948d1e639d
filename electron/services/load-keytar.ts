// keytar is a native module; where it cannot load (a platform without a prebuilt binary, a
// broken install) the app falls back to OS encryption instead of failing to start.
import type { KeytarPort } from './keytar-store.js';
import type { Logger } from './logger.js';

export async function loadKeytar(log: Logger): Promise<KeytarPort | undefined> {
  try {
    const module = (await import('keytar')) as { default?: KeytarPort } & KeytarPort;
    return module.default ?? module;
  } catch (err) {
    log.warn('keytar could not be loaded; the OS keychain is not used', err);
    return undefined;
  }
}
