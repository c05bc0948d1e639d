// POST /auth/login, /auth/refresh, /auth/logout and GET /me.
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../api/serve.js';
import { AppError } from '../errors.js';
import type { UserStore } from '../users/store.js';
import { verifyAgainstDummy, verifyPassword } from './passwords.js';
import { SignInLimiter, type SignInLimitOptions } from './sign-in-limiter.js';
import type { SessionService } from './sessions.js';

export interface AuthRoutesOptions {
  users: UserStore;
  sessions: SessionService;
  /** Failed sign-ins per window before limiting (default 10 a minute); see SignInLimiter. */
  loginLimit?: SignInLimitOptions;
}

// One answer for "no such user", "wrong password" and "disabled", so none can be told apart.
const WRONG = () => new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, options) => {
  const limiter = new SignInLimiter(options.loginLimit ?? { max: 10, windowMs: 60_000 });

  serve(app, {
    'auth.login': async (req) => {
      const body = req.body;
      // Only failures count: people who type their password right are never slowed down by
      // their own sign-ins, and never refused because of someone else's guesses.
      const account = body.username.toLowerCase();
      await limiter.admit(account, req.ip);
      const user = await options.users.findByUsername(body.username);
      const matches = user
        ? await verifyPassword(body.password, user.password_hash)
        : await verifyAgainstDummy(body.password);
      if (!user || !matches || user.disabled === 1) {
        limiter.failed(account, req.ip);
        throw WRONG();
      }
      return options.sessions.start(user);
    },
    'auth.refresh': (req) => options.sessions.refresh(req.body.refreshToken),
    'auth.logout': (req) => options.sessions.logout(req.body.refreshToken),
    'auth.me': async (req) => req.user,
  });
};
