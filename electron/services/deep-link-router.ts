// Routes meeting links to the renderer: parsed and checked against the policy, held until the
// window is ready (a link can arrive before the renderer listens), then sent as deeplink.join.
import type { DeepLinkTarget, EffectivePolicy } from '../contract.js';
import { parseDeepLink } from './deep-link.js';
import type { EmitEvent } from './events.js';
import type { Logger } from './logger.js';

export interface DeepLinkRouterOptions {
  policy: EffectivePolicy;
  currentServerUrl: () => string | null;
  emit: EmitEvent;
  /** Brings the window to the front. */
  show: () => void;
  log: Logger;
}

export class DeepLinkRouter {
  private ready = false;
  private queued: DeepLinkTarget | undefined;

  constructor(private readonly opts: DeepLinkRouterOptions) {}

  handle(raw: string): void {
    const parsed = parseDeepLink(raw, {
      allowedHosts: this.opts.policy.allowedDeepLinkHosts,
      currentServerUrl: this.opts.currentServerUrl(),
    });
    if (!parsed.ok) {
      this.opts.log.warn('meeting link refused', { reason: parsed.reason });
      return;
    }
    this.opts.show();
    // Only the newest link matters when several arrive before the window is ready.
    if (this.ready) this.opts.emit('deeplink.join', parsed.target);
    else this.queued = parsed.target;
  }

  /** The renderer is loaded and listening. */
  markReady(): void {
    this.ready = true;
    if (this.queued) this.opts.emit('deeplink.join', this.queued);
    this.queued = undefined;
  }
}
