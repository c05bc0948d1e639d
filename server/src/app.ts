// The app factory. Tests call build(config) and drive the result with inject() or real HTTP;
// main.ts calls it and listens. One plugin per concern.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { devTokenRoutes } from './dev/token-routes.js';
import { errorHandler, notFoundHandler } from './http-errors.js';
import { healthRoutes } from './health/routes.js';
import { loggerOptions } from './logger.js';

export interface BuildOptions {
  /** Overrides the configured log level (tests pass 'silent'). */
  logLevel?: string;
}

export async function build(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? config.logLevel),
    bodyLimit: 256 * 1024,
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(healthRoutes, { config });
  if (config.devEndpoints) await app.register(devTokenRoutes, { config });
  return app;
}
