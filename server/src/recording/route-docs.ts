// OpenAPI descriptions of the recording mark routes (see routes.ts).
import { z } from 'zod';
import type { RouteDoc } from '../openapi/document.js';

export const RECORDING_ROUTES: RouteDoc[] = [
  {
    method: 'post',
    path: '/rooms/{id}/recording',
    summary:
      'Show everyone in the meeting that you record it (403 RECORDING_FORBIDDEN when the host forbids it)',
    response: z.object({ recording: z.literal(true) }),
  },
  {
    method: 'delete',
    path: '/rooms/{id}/recording',
    summary: 'Clear your recording mark',
    status: 204,
  },
];
