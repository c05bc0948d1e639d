// When to try a failed delivery again: exponential growth from a base, capped, with "equal
// jitter" (half fixed, half random) so that retries of many messages do not arrive in lockstep
// yet never collapse to zero.
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the message is marked failed. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 12,
};

/** Delay after the given (1-based) failed attempt. */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
