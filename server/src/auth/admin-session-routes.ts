// DELETE /admin/users/:username/sessions: an administrator signs a user out everywhere (a lost
// laptop, a departing employee). Every refresh token of the user is revoked; their access
// tokens stop working within REVOCATION_CACHE_MS. The CLI's `user sign-out` does the same.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { UserStoreError, type UserStore } from '../users/store.js';

const UserParams = z.strictObject({ username: z.string().min(1).max(254) });

export const adminSessionRoutes: FastifyPluginAsync<{ users: UserStore }> = async (app, { users }) => {
  app.delete('/admin/users/:username/sessions', { preHandler: app.requireAdmin }, async (req, reply) => {
    const { username } = UserParams.parse(req.params);
    try {
      await users.signOutEverywhere(username);
    } catch (err) {
      if (err instanceof UserStoreError) throw new AppError('NOT_FOUND', 'There is no such user.');
      throw err;
    }
    return reply.status(204).send();
  });
};
