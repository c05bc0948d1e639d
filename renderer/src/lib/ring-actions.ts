// What a ring card's buttons do. The app window's calls state answers in the page; the desktop's
// ring window asks main (ring.answer / ring.decline), which answers and opens the app window.
import type { CallRing } from '../../../common/calls.js';

export interface RingActions {
  accept(ring: CallRing, camera: boolean): Promise<void>;
  decline(ring: CallRing, message?: string): Promise<void>;
}
