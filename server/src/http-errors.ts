// Turns anything thrown in a route into the { error: { code, message } } body. Known errors keep
// their status; validation and body errors become 4xx; only a real bug becomes a 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, type ErrorBody } from './errors.js';

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
  } else if (err instanceof ZodError) {
    status = 400;
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    body = { error: { code: 'VALIDATION', message: 'The request is not valid.', details } };
  } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    // Fastify's own client errors: bad JSON, body too large, wrong content type.
    status = err.statusCode;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'VALIDATION';
    body = { error: { code, message: err.message } };
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
