// Liveness and readiness, for load balancers and the stack launcher.
import { Liveness, Readiness } from '../schemas.js';
import { route } from '../route.js';

export const healthRoutes = {
  'health.live': route({
    method: 'GET',
    path: '/health/live',
    summary: 'The process answers',
    access: 'public',
    status: 200,
    response: Liveness,
  }),
  'health.ready': route({
    method: 'GET',
    path: '/health/ready',
    summary: 'Its dependencies answer too (503 with the same body when one does not)',
    access: 'public',
    status: 200,
    response: Readiness,
  }),
} as const;
