// Auto-update with electron-updater, as the policy allows (see services/update-plan.ts).
import electronUpdater from 'electron-updater';
import type { Logger } from '../services/logger.js';
import type { UpdatePlan } from '../services/update-plan.js';

export async function startAutoUpdates(plan: UpdatePlan, log: Logger): Promise<void> {
  if (plan.action === 'skip') {
    log.info('auto-update off', { reason: plan.reason });
    return;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = { info: log.info, warn: log.warn, error: log.error, debug: log.debug };
  autoUpdater.channel = plan.channel;
  autoUpdater.allowPrerelease = plan.allowPrerelease;
  if (plan.feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: plan.channel });
  try {
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (err) {
    // An unreachable update server must not stop the app; it tries again at the next start.
    log.warn('update check failed', err);
  }
}
