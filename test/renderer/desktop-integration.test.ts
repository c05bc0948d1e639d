import { describe, expect, it } from 'vitest';
import type { TrayCommand } from '../../electron/contract.js';
import { runTrayCommand, type TrayTarget } from '../../renderer/src/room/desktop-integration.svelte.js';

// The tray's side of a meeting, against a recording TrayTarget (the session's narrow interface).
function meeting(sharing: boolean) {
  const calls: string[] = [];
  const target: TrayTarget = {
    status: 'connected',
    micOn: true,
    sharing,
    toggleMic: async () => void calls.push('toggleMic'),
    toggleShare: async () => void calls.push('toggleShare'),
    leave: async () => void calls.push('leave'),
  };
  return { target, calls };
}

describe('runTrayCommand', () => {
  it('acts on each tray command, and starts or stops sharing only when that changes something', async () => {
    const cases: Array<[TrayCommand, boolean, string[]]> = [
      ['toggle-mute', false, ['toggleMic']],
      ['share-screen', false, ['toggleShare']],
      ['share-screen', true, []],
      ['stop-sharing', true, ['toggleShare']],
      ['stop-sharing', false, []],
      ['leave', false, ['leave']],
    ];
    for (const [command, sharing, expected] of cases) {
      const m = meeting(sharing);
      await runTrayCommand(m.target, command);
      expect(m.calls, `${command} while ${sharing ? '' : 'not '}sharing`).toEqual(expected);
    }
  });

  it('refuses a command it does not know (a newer main process), loudly', async () => {
    const m = meeting(false);
    await expect(runTrayCommand(m.target, 'reboot' as TrayCommand)).rejects.toThrow(/unknown tray command/);
    expect(m.calls).toEqual([]);
  });
});
