// Signing in and sessions.
import { z } from 'zod';
import { LoginRequest, RefreshRequest, Session, User } from '../schemas.js';
import { route } from '../route.js';

export const authRoutes = {
  'auth.login': route({
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in',
    access: 'public',
    body: LoginRequest,
    status: 200,
    response: Session,
    errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED'],
  }),
  'auth.refresh': route({
    method: 'POST',
    path: '/auth/refresh',
    summary: 'Rotate the refresh token',
    access: 'public',
    body: RefreshRequest,
    status: 200,
    response: Session,
    errors: ['UNAUTHORIZED'],
  }),
  'auth.logout': route({
    method: 'POST',
    path: '/auth/logout',
    summary: 'End the session',
    access: 'public',
    body: RefreshRequest,
    status: 204,
  }),
  'auth.me': route({
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user',
    access: 'user',
    status: 200,
    response: User,
  }),
  'auth.signOutEverywhere': route({
    method: 'DELETE',
    path: '/admin/users/:username/sessions',
    summary: "End every session of a user (an administrator's sign out everywhere)",
    access: 'admin',
    params: z.strictObject({ username: z.string().min(1).max(254) }),
    status: 204,
    errors: ['NOT_FOUND'],
  }),
} as const;
