// Fixed-window counters of failed sign-ins, per account and per address. In memory: one app
// server instance limits what reaches it, which is what slows down password guessing.
export interface RateLimitOptions {
  max: number;
  windowMs: number;
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Counts one attempt (e.g. a failed sign-in) for `key`. */
  hit(key: string, now = Date.now()): void {
    this.prune(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.options.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
  }

  /** True while `key` has used up its attempts in the current window. */
  blocked(key: string, now = Date.now()): boolean {
    const window = this.windows.get(key);
    return window !== undefined && window.resetAt > now && window.count >= this.options.max;
  }

  /** Seconds until `key` may try again. */
  retryAfter(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    return window ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  // Keeps memory bounded under a spray of distinct keys.
  private prune(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
