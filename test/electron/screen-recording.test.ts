// The macOS screen-recording message for each access status.
import { describe, expect, it } from 'vitest';
import { screenRecordingMessage } from '../../electron/adapters/screen-recording.js';

describe('screenRecordingMessage', () => {
  it('lets sharing go ahead when granted or not yet asked (macOS asks itself)', () => {
    expect(screenRecordingMessage('granted')).toBeUndefined();
    expect(screenRecordingMessage('not-determined')).toBeUndefined();
  });

  it('says where to allow it when denied, and to ask IT when restricted', () => {
    expect(screenRecordingMessage('denied')).toMatch(/System Settings.*Screen & System Audio Recording/);
    expect(screenRecordingMessage('unknown')).toMatch(/System Settings/);
    expect(screenRecordingMessage('restricted')).toMatch(/IT department/);
  });
});
