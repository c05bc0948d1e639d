// Authentication for routes: `app.requireUser` and `app.requireAdmin` are preHandlers that read
// the `Authorization: Bearer <access token>` header and set `req.user`. Other areas (CDR,
// webhooks) build on exactly this interface:
//
//   app.get('/cdr', { preHandler: app.requireUser }, async (req) => req.user.id);
//
// Access tokens are HS256 (~10 min) and name their session; whether that session is still live
// is checked against the database at most every REVOCATION_CACHE_MS per session (revocation.ts),
// so a password change, a disabled account or "sign out everywhere" ends access within that.
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { AppError } from '../errors.js';
import { verifyJwt } from './jwt.js';
import type { RevocationCheck } from './revocation.js';

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    requireUser: preHandlerAsyncHookHandler;
    requireAdmin: preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    /** Set by requireUser/requireAdmin; read it only in routes guarded by one of them. */
    user: AuthUser;
  }
}

export interface AuthPluginOptions {
  /** The HS256 secret access tokens are signed with. */
  jwtSecret: string;
  /** Refuses tokens of revoked sessions; absent, only signature and expiry are checked. */
  revocations?: RevocationCheck;
}

export async function userFromRequest(
  req: FastifyRequest,
  jwtSecret: string,
  revocations?: RevocationCheck,
): Promise<AuthUser> {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    throw new AppError('UNAUTHORIZED', 'Sign in first: the Authorization header is missing.');
  }
  const claims = verifyJwt(header.slice('Bearer '.length).trim(), jwtSecret);
  if (!claims) throw new AppError('UNAUTHORIZED', 'The access token is invalid or has expired.');
  // Tokens without a session claim predate it (they expire within minutes of an upgrade) or
  // were made by tests holding the secret.
  if (claims.fam !== undefined && revocations && !(await revocations.isLive(claims.fam))) {
    throw new AppError('UNAUTHORIZED', 'This session has ended. Sign in again.');
  }
  return { id: claims.sub, username: claims.usr, displayName: claims.name, isAdmin: claims.adm };
}

const authPluginImpl: FastifyPluginAsync<AuthPluginOptions> = async (
  app: FastifyInstance,
  { jwtSecret, revocations },
) => {
  app.decorateRequest('user', null as unknown as AuthUser);
  app.decorate('requireUser', async (req: FastifyRequest) => {
    req.user = await userFromRequest(req, jwtSecret, revocations);
  });
  app.decorate('requireAdmin', async (req: FastifyRequest) => {
    req.user = await userFromRequest(req, jwtSecret, revocations);
    if (!req.user.isAdmin) throw new AppError('FORBIDDEN', 'Only an administrator may do this.');
  });
};

// Same effect as fastify-plugin: the decorators belong to the whole app, not to an
// encapsulated child context, so every later plugin sees them.
(authPluginImpl as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const authPlugin = authPluginImpl;
