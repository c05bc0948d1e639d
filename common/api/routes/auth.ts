// Signing in and sessions.
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
} as const;
