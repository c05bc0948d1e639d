// The default-deny permission table: a few permissions, for the app's own main frame only.
import { describe, expect, it } from 'vitest';
import { permissionDecision } from '../../electron/adapters/permissions.js';

const own = { requestingUrl: 'app://convene/index.html', isMainFrame: true };
const trusted = {};

describe('permissionDecision', () => {
  it('allows what a meeting needs, for the app itself', () => {
    for (const permission of [
      'display-capture',
      'notifications',
      'fullscreen',
      'clipboard-sanitized-write',
    ]) {
      expect(permissionDecision(permission, own, trusted), permission).toBe(true);
    }
    expect(permissionDecision('media', { ...own, mediaTypes: ['audio', 'video'] }, trusted)).toBe(true);
    expect(permissionDecision('media', { ...own, mediaType: 'video' }, trusted)).toBe(true);
  });

  it('denies everything else, even to the app', () => {
    for (const permission of [
      'geolocation',
      'clipboard-read',
      'midi',
      'midiSysex',
      'hid',
      'usb',
      'serial',
      'openExternal',
      'pointerLock',
      'idle-detection',
      'unknown',
      'made-up',
    ]) {
      expect(permissionDecision(permission, own, trusted), permission).toBe(false);
    }
  });

  it('denies other origins, subframes and unknown requesters', () => {
    expect(
      permissionDecision('media', { requestingUrl: 'https://evil.example/', isMainFrame: true }, trusted),
    ).toBe(false);
    expect(permissionDecision('media', { requestingUrl: 'file:///tmp/x.html' }, trusted)).toBe(false);
    expect(permissionDecision('notifications', { ...own, isMainFrame: false }, trusted)).toBe(false);
    expect(permissionDecision('notifications', {}, trusted)).toBe(false);
  });

  it('denies media requests for anything but audio and video', () => {
    expect(permissionDecision('media', { ...own, mediaType: 'unknown' }, trusted)).toBe(false);
  });

  it('trusts the dev server only when one is configured', () => {
    const dev = { requestingUrl: 'http://127.0.0.1:5173/', isMainFrame: true };
    expect(permissionDecision('media', dev, trusted)).toBe(false);
    expect(permissionDecision('media', dev, { devServerOrigin: 'http://127.0.0.1:5173' })).toBe(true);
  });
});
