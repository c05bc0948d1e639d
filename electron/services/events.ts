// How services push contract events to the renderer without knowing about windows or IPC.
import type { EventName, Events } from '../contract.js';

export type EmitEvent = <E extends EventName>(event: E, payload: Events[E]) => void;
