// POST /auth/login, /auth/refresh, /auth/logout and GET /me.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { serve } from '../api/serve.js';
import { AppError } from '../errors.js';
import type { UserStore } from '../users/store.js';
import { verifyAgainstDummy, verifyPassword } from './passwords.js';
import { FixedWindowLimiter, type RateLimitOptions } from './rate-limit.js';
import type { SessionService } from './sessions.js';

export interface AuthRoutesOptions {
  users: UserStore;
  sessions: SessionService;
  /** Failed sign-ins allowed per account and per address in one window (default 10 a minute). */
  loginLimit?: RateLimitOptions;
}

// One answer for "no such user", "wrong password" and "disabled", so none can be told apart.
const WRONG = () => new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, options) => {
  const limit = options.loginLimit ?? { max: 10, windowMs: 60_000 };
  const perAccount = new FixedWindowLimiter(limit);
  const perAddress = new FixedWindowLimiter(limit);

  // Only failures count: people who type their password right are never slowed down, while
  // guessing (one account from anywhere, or many accounts from one address) is.
  const checkRate = (req: FastifyRequest, accountKey: string) => {
    if (!perAddress.blocked(req.ip) && !perAccount.blocked(accountKey)) return;
    const retry = Math.max(perAddress.retryAfter(req.ip), perAccount.retryAfter(accountKey));
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${retry} seconds.`, {
      retryAfterSeconds: retry,
    });
  };
  const failed = (req: FastifyRequest, accountKey: string) => {
    perAddress.hit(req.ip);
    perAccount.hit(accountKey);
    return WRONG();
  };

  serve(app, {
    'auth.login': async (req) => {
      const body = req.body;
      const accountKey = body.username.toLowerCase();
      checkRate(req, accountKey);
      const user = await options.users.findByUsername(body.username);
      if (!user) {
        await verifyAgainstDummy(body.password);
        throw failed(req, accountKey);
      }
      const matches = await verifyPassword(body.password, user.password_hash);
      if (!matches || user.disabled === 1) throw failed(req, accountKey);
      return options.sessions.start(user);
    },
    'auth.refresh': (req) => options.sessions.refresh(req.body.refreshToken),
    'auth.logout': (req) => options.sessions.logout(req.body.refreshToken),
    'auth.me': async (req) => req.user,
  });
};
