// The tray icon and menu, rendered from services/tray-model.ts, plus the global mute shortcut.
import { globalShortcut, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { TrayCommand } from '../contract.js';
import type { Logger } from '../services/logger.js';
import type { MeetingStateHolder } from '../services/meeting-state.js';
import { trayModel, type TrayIcon, type TrayItemId } from '../services/tray-model.js';

export const MUTE_SHORTCUT = 'CommandOrControl+Shift+Alt+M';

export interface TrayOptions {
  /** Folder with idle.png, meeting.png, sharing.png, muted.png (and @2x variants). */
  iconDir: string;
  meeting: MeetingStateHolder;
  onCommand: (command: TrayCommand) => void;
  onShow: () => void;
  onQuit: () => void;
  log: Logger;
}

export class TrayController {
  private readonly tray: Tray;
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: TrayOptions) {
    this.tray = new Tray(this.icon('idle'));
    this.tray.on('click', () => opts.onShow());
    this.render();
    this.unsubscribe = opts.meeting.onChange(() => this.render());
    const registered = globalShortcut.register(MUTE_SHORTCUT, () => {
      if (opts.meeting.get().inMeeting) opts.onCommand('toggle-mute');
    });
    if (!registered)
      opts.log.warn('the global mute shortcut is taken by another app', { shortcut: MUTE_SHORTCUT });
  }

  /** While a call rings, the tooltip says who calls; null restores the meeting's. */
  showRinging(text: string | null): void {
    if (text) this.tray.setToolTip(text);
    else this.render();
  }

  dispose(): void {
    this.unsubscribe();
    globalShortcut.unregister(MUTE_SHORTCUT);
    this.tray.destroy();
  }

  private render(): void {
    const model = trayModel(this.opts.meeting.get());
    this.tray.setImage(this.icon(model.icon));
    this.tray.setToolTip(model.tooltip);
    const template: MenuItemConstructorOptions[] = model.items.map((item) => ({
      label: item.label,
      enabled: item.enabled,
      visible: item.visible,
      click: () => this.activate(item.id),
    }));
    // Meeting actions above the line, app actions below.
    template.splice(
      model.items.findIndex((i) => i.id === 'show'),
      0,
      { type: 'separator' },
    );
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  private activate(id: TrayItemId): void {
    switch (id) {
      case 'show':
        return this.opts.onShow();
      case 'quit':
        return this.opts.onQuit();
      case 'share-screen':
        // The picker lives in the window, so bring it forward first.
        this.opts.onShow();
        return this.opts.onCommand('share-screen');
      case 'stop-sharing':
      case 'toggle-mute':
      case 'leave':
        return this.opts.onCommand(id);
      default: {
        const unexpected: never = id;
        this.opts.log.warn('unknown tray item', { id: unexpected });
      }
    }
  }

  private icon(name: TrayIcon) {
    return nativeImage.createFromPath(join(this.opts.iconDir, `${name}.png`));
  }
}
