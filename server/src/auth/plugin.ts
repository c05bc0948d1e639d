// Authentication for routes: `app.requireUser` and `app.requireAdmin` are preHandlers that read
// the `Authorization: Bearer <access token>` header and set `req.user`. Other areas (CDR,
// webhooks) build on exactly this interface:
//
//   app.get('/cdr', { preHandler: app.requireUser }, async (req) => req.user.id);
//
// Access tokens are stateless (HS256, ~10 min), so no database work happens per request; a
// disabled user keeps access only until the token expires, and can no longer refresh.
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { verifyJwt } from './jwt.js';

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
}

export async function userFromRequest(req: FastifyRequest, jwtSecret: string): Promise<AuthUser> {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    throw new AppError('UNAUTHORIZED', 'Sign in first: the Authorization header is missing.');
  }
  const claims = await verifyJwt(header.slice('Bearer '.length).trim(), jwtSecret);
  if (!claims) throw new AppError('UNAUTHORIZED', 'The access token is invalid or has expired.');
  return { id: claims.sub, username: claims.usr, displayName: claims.name, isAdmin: claims.adm };
}

const authPluginImpl: FastifyPluginAsync<AuthPluginOptions> = async (app: FastifyInstance, { jwtSecret }) => {
  app.decorateRequest('user', null as unknown as AuthUser);
  app.decorate('requireUser', async (req: FastifyRequest) => {
    req.user = await userFromRequest(req, jwtSecret);
  });
  app.decorate('requireAdmin', async (req: FastifyRequest) => {
    req.user = await userFromRequest(req, jwtSecret);
    if (!req.user.isAdmin) throw new AppError('FORBIDDEN', 'Only an administrator may do this.');
  });
};

// fastify-plugin: the decorators belong to the whole app, not to an encapsulated child
// context, so every later plugin sees them.
export const authPlugin = fp(authPluginImpl, { name: 'auth' });
