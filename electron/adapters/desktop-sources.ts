// Screens and windows for the picker, from desktopCapturer, with thumbnails and app icons.
import { desktopCapturer } from 'electron';
import type { ScreenSource } from '../contract.js';
import type { SourcesPort } from '../services/screen-picker.js';

export const desktopSources: SourcesPort = {
  async list(): Promise<ScreenSource[]> {
    const sources = await desktopCapturer.getSources({
      types: ['screen', 'window'],
      thumbnailSize: { width: 320, height: 180 },
      fetchWindowIcons: true,
    });
    return sources.map((s) => {
      const icon = s.appIcon && !s.appIcon.isEmpty() ? s.appIcon.toDataURL() : undefined;
      return {
        id: s.id,
        name: s.name,
        kind: s.id.startsWith('screen:') ? 'screen' : 'window',
        thumbnailDataUrl: s.thumbnail.toDataURL(),
        ...(icon ? { appIconDataUrl: icon } : {}),
      };
    });
  },
};
