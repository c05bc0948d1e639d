// One HTTP attempt: POST the stored body with fresh Standard Webhooks headers. Only a 2xx counts;
// redirects are not followed, so an endpoint cannot bounce our signed body elsewhere.
import type { AttemptOutcome, ClaimedMessage } from './outbox-store.js';
import { signatureHeaders } from './signing.js';

export async function deliver(
  message: ClaimedMessage,
  timeoutMs: number,
  stopSignal: AbortSignal,
): Promise<AttemptOutcome> {
  const startedAt = Date.now();
  try {
    const res = await fetch(message.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Convene-Webhooks/1',
        ...signatureHeaders(message.secret, message.id, Math.floor(startedAt / 1000), message.body),
      },
      body: message.body,
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopSignal]),
    });
    // The receiver's answer is not ours to keep; drain it so the connection is reused.
    await res.body?.cancel();
    const error = res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
    return { statusCode: res.status, error, startedAt, finishedAt: Date.now() };
  } catch (err) {
    return { statusCode: null, error: describe(err), startedAt, finishedAt: Date.now() };
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'request failed';
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.name === 'TimeoutError' ? 'timed out' : err.message}${cause}`.slice(0, 500);
}
