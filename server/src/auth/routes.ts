// POST /auth/login, /auth/refresh, /auth/logout and GET /me.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { LoginRequest, RefreshRequest } from '../../../common/api.js';
import { AppError } from '../errors.js';
import type { UserStore } from '../users/store.js';
import { verifyAgainstDummy, verifyPassword } from './passwords.js';
import { FixedWindowLimiter, type RateLimitOptions } from './rate-limit.js';
import type { SessionService } from './sessions.js';

export interface AuthRoutesOptions {
  users: UserStore;
  sessions: SessionService;
  /** Login attempts allowed per account and per address in one window (default 10 a minute). */
  loginLimit?: RateLimitOptions;
}

// One answer for "no such user", "wrong password" and "disabled", so none can be told apart.
const WRONG = () => new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, options) => {
  const limit = options.loginLimit ?? { max: 10, windowMs: 60_000 };
  const perAccount = new FixedWindowLimiter(limit);
  const perAddress = new FixedWindowLimiter(limit);

  const checkRate = (req: FastifyRequest, username: string) => {
    const accountKey = username.toLowerCase();
    const okAddress = perAddress.hit(req.ip);
    const okAccount = perAccount.hit(accountKey);
    if (okAddress && okAccount) return;
    const retry = Math.max(perAddress.retryAfter(req.ip), perAccount.retryAfter(accountKey));
    throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${retry} seconds.`, {
      retryAfterSeconds: retry,
    });
  };

  app.post('/auth/login', async (req) => {
    const body = LoginRequest.parse(req.body);
    checkRate(req, body.username);
    const user = await options.users.findByUsername(body.username);
    if (!user) {
      await verifyAgainstDummy(body.password);
      throw WRONG();
    }
    const matches = await verifyPassword(body.password, user.password_hash);
    if (!matches || user.disabled === 1) throw WRONG();
    return options.sessions.start(user);
  });

  app.post('/auth/refresh', async (req) => {
    const body = RefreshRequest.parse(req.body);
    return options.sessions.refresh(body.refreshToken);
  });

  app.post('/auth/logout', async (req, reply) => {
    const body = RefreshRequest.parse(req.body);
    await options.sessions.logout(body.refreshToken);
    return reply.status(204).send();
  });

  app.get('/me', { preHandler: app.requireUser }, async (req) => req.user);
};
