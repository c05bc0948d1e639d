// The lazy meeting chunk's contents (see meeting-chunk.ts).
export { RoomSession } from '../room/room-session.svelte.js';
export { default as Lobby } from '../views/Lobby.svelte';
export { default as RoomView } from '../views/RoomView.svelte';
export { default as Waiting } from '../views/Waiting.svelte';
