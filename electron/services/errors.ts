// Coded errors of the main-process services. The code is what the renderer switches on; the
// message is a sentence for a person. Neither ever carries a token or a stack.
import { ApiError } from '../../common/api.js';

export type ServiceErrorCode =
  | 'INVALID_ARGUMENT'
  | 'FORBIDDEN_ORIGIN'
  | 'UNKNOWN_METHOD'
  | 'NOT_SIGNED_IN'
  | 'SESSION_EXPIRED'
  | 'SERVER_URL_LOCKED'
  | 'NETWORK'
  | 'BAD_RESPONSE'
  | 'NO_PENDING_REQUEST'
  | 'UNKNOWN_SOURCE'
  | 'INTERNAL'
  /** Codes from the app server's error registry pass through unchanged. */
  | (string & {});

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServiceError';
    this.status = options?.status;
  }
  readonly status: number | undefined;
}

/** The { code, message } that may cross to the renderer: unknown errors become INTERNAL. */
export function publicError(err: unknown): { code: string; message: string } {
  // The app server's coded errors (and the API client's) pass through as they are.
  if (err instanceof ServiceError || err instanceof ApiError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: 'Something went wrong in the desktop app; see its log for details.' };
}
