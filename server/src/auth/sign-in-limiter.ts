// Limits password guessing without handing an attacker a way to lock the owner out.
//
// - Per account and address pair: after `max` failures in the window that pair is refused
//   (429 with Retry-After). These are the pair's own failures, so nobody else causes them.
// - Per account (from anywhere) and per address (any account): failures there are also
//   someone else's, so they never refuse; past `max` they slow down instead. Attempts on that
//   key are spaced `spacingMs` apart, so guessing one account from many addresses, or many
//   accounts from one address, goes at one attempt per spacing, while the owner's right
//   password still gets through after a short wait. Only when more than `maxWaitMs` of
//   attempts are already queued on a key is a new one shed with 429 and Retry-After.
//
// In memory, per app server instance: each instance limits what reaches it.
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors.js';
import { FixedWindowLimiter } from './rate-limit.js';

export interface SignInLimitOptions {
  /** Failures per window before a pair is refused and an account or address slowed. */
  max: number;
  windowMs: number;
  /** Spacing between attempts on a slowed account or address (default 1 s). */
  spacingMs?: number;
  /** Most an attempt waits for its turn before it is shed (default 10 s). */
  maxWaitMs?: number;
}

export class SignInLimiter {
  private readonly pairs: FixedWindowLimiter;
  private readonly accounts: FixedWindowLimiter;
  private readonly addresses: FixedWindowLimiter;
  /** Next free turn (epoch ms) of each slowed key. */
  private readonly turns = new Map<string, number>();
  private readonly spacingMs: number;
  private readonly maxWaitMs: number;

  constructor(options: SignInLimitOptions) {
    this.pairs = new FixedWindowLimiter(options);
    this.accounts = new FixedWindowLimiter(options);
    this.addresses = new FixedWindowLimiter(options);
    this.spacingMs = options.spacingMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
  }

  /** Resolves when this attempt may check its password; throws RATE_LIMITED when refused. */
  async admit(account: string, address: string): Promise<void> {
    const now = Date.now();
    const pair = `${account}\n${address}`;
    if (this.pairs.blocked(pair, now)) throw limited(this.pairs.retryAfter(pair, now));
    const slowed = [
      ...(this.accounts.blocked(account, now) ? [`account\n${account}`] : []),
      ...(this.addresses.blocked(address, now) ? [`address\n${address}`] : []),
    ];
    if (slowed.length === 0) return;
    const turn = Math.max(now, ...slowed.map((key) => this.turns.get(key) ?? 0));
    if (turn - now > this.maxWaitMs) throw limited(Math.ceil((turn - now) / 1000));
    for (const key of slowed) this.turns.set(key, turn + this.spacingMs);
    this.prune(now);
    if (turn > now) await sleep(turn - now);
  }

  /** Counts a failed attempt against the pair, the account and the address. */
  failed(account: string, address: string): void {
    this.pairs.hit(`${account}\n${address}`);
    this.accounts.hit(account);
    this.addresses.hit(address);
  }

  // Keeps memory bounded under a spray of distinct keys.
  private prune(now: number): void {
    if (this.turns.size < 10_000) return;
    for (const [key, turn] of this.turns) if (turn <= now) this.turns.delete(key);
  }
}

function limited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, retryAfterSeconds);
  return new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${seconds} seconds.`, {
    retryAfterSeconds: seconds,
  });
}
