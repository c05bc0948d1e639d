// Coded errors with their HTTP status. The codes and statuses are part of the API and live with
// it (common/api/errors.ts); AppError is how a route throws one.
import { ERROR_STATUS, type ErrorCode } from '../../common/api/errors.js';

export const ERRORS = ERROR_STATUS;
export type { ErrorCode };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.status = ERRORS[code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
