// THE table of the app server's HTTP API: every endpoint, keyed by route id. The server registers
// each one from here (server/src/api/serve.ts), the OpenAPI document at /docs/json is generated
// from it, and the clients call endpoints by id. To add an endpoint, add an entry to the area's
// file in routes/ and a handler on the server (docs/ARCHITECTURE.md, "Adding an endpoint").
import type { RouteSpec } from './route.js';
import { authRoutes } from './routes/auth.js';
import { callRoutes } from './routes/calls.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { meetingRoutes } from './routes/meetings.js';
import { peopleRoutes } from './routes/people.js';
import { recordingMarkRoutes } from './routes/recording-mark.js';
import { roomRoutes } from './routes/rooms.js';

export const API = {
  ...healthRoutes,
  ...authRoutes,
  ...roomRoutes,
  ...meetingRoutes,
  ...eventRoutes,
  ...recordingMarkRoutes,
  ...peopleRoutes,
  ...callRoutes,
} as const satisfies Record<string, RouteSpec>;

export type Api = typeof API;
export type RouteId = keyof Api;
export const ROUTE_IDS = Object.keys(API) as RouteId[];

export function isRouteId(id: string): id is RouteId {
  return Object.hasOwn(API, id);
}
