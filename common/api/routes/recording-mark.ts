// The recording mark everyone in a meeting sees (issue 10): set and cleared by the app server on
// the caller's own participant, so no client can fake or hide it.
import { z } from 'zod';
import { route } from '../route.js';
import { RoomParams } from '../schemas.js';

export const recordingMarkRoutes = {
  'recording.mark': route({
    method: 'POST',
    path: '/rooms/:id/recording',
    summary: 'Show everyone in the meeting that you record it',
    access: 'user',
    params: RoomParams,
    status: 200,
    response: z.object({ recording: z.literal(true) }),
    // RECORDING_FORBIDDEN: the host forbids recording by others; CONFLICT: not in the meeting.
    errors: ['NOT_FOUND', 'FORBIDDEN', 'RECORDING_FORBIDDEN', 'CONFLICT', 'UNAVAILABLE'],
  }),
  'recording.unmark': route({
    method: 'DELETE',
    path: '/rooms/:id/recording',
    summary: 'Clear your recording mark',
    access: 'user',
    params: RoomParams,
    status: 204,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'UNAVAILABLE'],
  }),
} as const;
