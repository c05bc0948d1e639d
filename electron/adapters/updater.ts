// electron-updater carried out as update-plan.ts decides: IT's generic feed and channel, the
// rollout decision (staging, deferral, minimum version) through isUserWithinRollout, downloads in
// the background, and the install left to UpdateController (never mid-meeting) or to quitting.
import electronUpdater, { type UpdateInfo } from 'electron-updater';
import type { Logger } from '../services/logger.js';
import type { UpdateController } from '../services/update-controller.js';
import type { UpdatePlan } from '../services/update-plan.js';

const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
const RECONSIDER_EVERY_MS = 60 * 1000;

export function startAutoUpdates(plan: UpdatePlan, controller: UpdateController, log: Logger): () => void {
  if (plan.action === 'skip') {
    log.info('auto-update off', { reason: plan.reason });
    return () => undefined;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = { info: log.info, warn: log.warn, error: log.error, debug: log.debug };
  autoUpdater.channel = plan.channel;
  autoUpdater.allowPrerelease = plan.allowPrerelease;
  autoUpdater.autoDownload = true;
  // Whatever is downloaded goes in when the user quits, if the controller has not done it first.
  autoUpdater.autoInstallOnAppQuit = true;
  if (plan.feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: plan.channel });
  autoUpdater.isUserWithinRollout = (info: UpdateInfo) =>
    controller.accepts({
      version: info.version,
      ...(info.releaseDate ? { releaseDate: info.releaseDate } : {}),
      ...(info.stagingPercentage !== undefined ? { stagingPercentage: info.stagingPercentage } : {}),
    });

  let version = '';
  autoUpdater.on('checking-for-update', () => controller.checking());
  autoUpdater.on('update-not-available', () => controller.upToDate());
  autoUpdater.on('update-available', (info: UpdateInfo) => {
    version = info.version;
    controller.available(info.version);
  });
  autoUpdater.on('download-progress', (progress: { percent: number }) =>
    controller.progress(version, progress.percent),
  );
  autoUpdater.on('update-downloaded', (info: UpdateInfo) =>
    // Silent (no installer UI on Windows) and start the app again afterwards.
    controller.downloaded(info.version, () => autoUpdater.quitAndInstall(true, true)),
  );
  autoUpdater.on('error', (err: Error) => {
    log.warn('update failed', err);
    controller.failed('The update server could not be reached; the app tries again later.');
  });

  const check = () =>
    autoUpdater.checkForUpdates().catch((err: unknown) => {
      // An unreachable update server must not stop the app; the 'error' event has reported it.
      log.warn('update check failed', err);
    });
  void check();
  const timers = [
    setInterval(() => void check(), CHECK_EVERY_MS),
    setInterval(() => controller.reconsider(), RECONSIDER_EVERY_MS),
  ];
  return () => timers.forEach(clearInterval);
}
