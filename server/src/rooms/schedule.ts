// Turning request times into stored times, and checking a room's schedule at join time.
import type { RoomRow } from '../db/schema.js';
import { AppError } from '../errors.js';

/** People may come in this long before a scheduled start, as they would to a meeting room. */
export const EARLY_JOIN_MS = 10 * 60 * 1000;

export const toMs = (value: string | null | undefined): number | null =>
  value === null || value === undefined ? null : Date.parse(value);

export function checkScheduleOrder(startsAt: number | null, endsAt: number | null): void {
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
    throw new AppError('VALIDATION', 'endsAt must be after startsAt.');
  }
}

/** Throws 403 when the room cannot be joined now. Hosts may open a room early. */
export function checkSchedule(room: RoomRow, isHost: boolean, now = Date.now()): void {
  if (room.ends_at !== null && now >= room.ends_at) {
    throw new AppError('FORBIDDEN', `This meeting ended at ${new Date(room.ends_at).toISOString()}.`, {
      reason: 'OUTSIDE_SCHEDULE',
    });
  }
  if (!isHost && room.starts_at !== null && now < room.starts_at - EARLY_JOIN_MS) {
    throw new AppError(
      'FORBIDDEN',
      `This meeting starts at ${new Date(room.starts_at).toISOString()}; you can join 10 minutes before.`,
      { reason: 'OUTSIDE_SCHEDULE' },
    );
  }
}
