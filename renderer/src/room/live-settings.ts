// The room settings the app server mirrors into LiveKit's room metadata (common/api's
// LiveRoomSettings): read with the shared schema, since anything else is not the server's word.
import { LiveRoomSettings } from '../../../common/api.js';

/** The settings in a room's metadata, or null when it holds none of ours (not set yet, or
 *  something else wrote it). */
export function parseLiveSettings(metadata: string | undefined): LiveRoomSettings | null {
  if (!metadata) return null;
  try {
    const parsed = LiveRoomSettings.safeParse(JSON.parse(metadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: not written by the app server
  }
}
