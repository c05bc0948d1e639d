// Turns anything thrown in a route into the { error: { code, message } } body. Known errors keep
// their status; schema failures (the table's zod schemas, checked by Fastify before the handler)
// and Fastify's own client errors become coded 4xx; only a real bug becomes a 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, type ErrorBody, type ErrorCode } from './errors.js';

const INVALID = 'The request is not valid.';

/** Fastify's own client errors (bad JSON, body too large, wrong content type) by status. */
function codeForStatus(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 404) return 'NOT_FOUND';
  return 'VALIDATION';
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  let status: number;
  let body: ErrorBody;
  if (err instanceof AppError) {
    status = err.status;
    const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retry === 'number') void reply.header('retry-after', String(retry));
    body = {
      error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
    };
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    status = 400;
    const where = (err as FastifyError).validationContext ?? 'request';
    const details = err.validation.map((issue) => ({
      path: `${where}${issue.instancePath.replaceAll('/', '.')}`.replace(/\.$/, ''),
      message: issue.message ?? 'invalid',
    }));
    const first = details[0];
    body = { error: { code: 'VALIDATION', message: `${first?.path}: ${first?.message}`, details } };
  } else if (err instanceof ZodError) {
    status = 400;
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    body = { error: { code: 'VALIDATION', message: INVALID, details } };
  } else if (isResponseSerializationError(err)) {
    // The handler answered something the table does not promise: a bug, never the client's.
    status = 500;
    req.log.error({ err, issues: err.cause.issues }, 'answer does not match the route table');
    body = { error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } };
  } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    status = err.statusCode;
    body = { error: { code: codeForStatus(status), message: err.message } };
  } else {
    status = 500;
    req.log.error({ err }, 'unhandled error');
    body = { error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } };
  }
  void reply.status(status).send(body);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(404)
    .send({ error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${req.url.split('?')[0]}` } });
}

/** Errors raised by the router before any route runs (Fastify's `frameworkErrors`): a path that
 *  does not decode, or a path parameter over `maxParamLength`. The path is not echoed back: it
 *  may be 10,000 characters of someone's probe. */
export function frameworkErrorHandler(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { error: { code: 'URI_TOO_LONG', message: 'A part of the path is too long.' } }
      : err.code === 'FST_ERR_BAD_URL'
        ? { error: { code: 'VALIDATION', message: 'The path is not a valid URL (bad percent-encoding).' } }
        : { error: { code: 'VALIDATION', message: 'The request could not be routed.' } };
  void reply.status(err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400).send(body);
}
