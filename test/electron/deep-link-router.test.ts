// Links wait for the window, only the newest waiting one is delivered, refused links are logged.
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../electron/contract.js';
import { DeepLinkRouter } from '../../electron/services/deep-link-router.js';
import { DEFAULT_POLICY } from '../../electron/services/policy.js';
import { memoryLog } from './support/memory-log.js';

function setup() {
  const sent: Array<[EventName, unknown]> = [];
  let shown = 0;
  const mem = memoryLog();
  const router = new DeepLinkRouter({
    policy: { ...DEFAULT_POLICY, allowedDeepLinkHosts: ['meet.corp.example'] },
    currentServerUrl: () => 'https://app.corp.example',
    emit: (event, payload) => sent.push([event, payload]),
    show: () => (shown += 1),
    log: mem.log,
  });
  return { router, sent, shown: () => shown, mem };
}

describe('DeepLinkRouter', () => {
  it('holds a link until the renderer is ready, then delivers the newest', () => {
    const { router, sent, shown } = setup();
    router.handle('convene://join/first-room');
    router.handle('convene://join/second-room');
    expect(sent).toEqual([]);
    expect(shown()).toBe(2);
    router.markReady();
    expect(sent).toEqual([['deeplink.join', { kind: 'room', room: 'second-room', serverUrl: null }]]);
    router.handle('https://meet.corp.example/join/abcdefgh1234');
    expect(sent.at(-1)).toEqual([
      'deeplink.join',
      { kind: 'invite', invite: 'abcdefgh1234', serverUrl: 'https://meet.corp.example' },
    ]);
  });

  it('refuses links to hosts outside the policy without showing the window', () => {
    const { router, sent, shown, mem } = setup();
    router.markReady();
    router.handle('convene://join/room?server=https://evil.example');
    expect(sent).toEqual([]);
    expect(shown()).toBe(0);
    expect(mem.text()).toContain('evil.example are not allowed');
  });
});
