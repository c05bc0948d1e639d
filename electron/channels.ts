// The only place IPC channel names are spelled: one channel per contract method and event.
// Shared by ipc.ts (main) and preload.ts; nothing else may send or listen on raw channels.
export const INVOKE_PREFIX = 'convene:invoke:';
export const EVENT_PREFIX = 'convene:event:';

export const invokeChannel = (method: string): string => `${INVOKE_PREFIX}${method}`;
export const eventChannel = (event: string): string => `${EVENT_PREFIX}${event}`;

/** Method and event names are `area.name`; anything else never becomes a channel. */
export const CONTRACT_NAME = /^[a-z]+\.[a-zA-Z]+$/;
