// An administrator signs a user out everywhere (a lost laptop, a departing employee): every
// refresh token of the user is revoked, and their access tokens stop working within
// REVOCATION_CACHE_MS. The CLI's `user sign-out` does the same. Route: 'auth.signOutEverywhere'.
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../api/serve.js';
import { AppError } from '../errors.js';
import { UserStoreError, type UserStore } from '../users/store.js';

export const adminSessionRoutes: FastifyPluginAsync<{ users: UserStore }> = async (app, { users }) => {
  serve(app, {
    'auth.signOutEverywhere': async (req) => {
      try {
        await users.signOutEverywhere(req.params.username);
      } catch (err) {
        if (err instanceof UserStoreError) throw new AppError('NOT_FOUND', 'There is no such user.');
        throw err;
      }
    },
  });
};
