// Steps the web-recording tests share: the web client signed in as Alice in a room she
// creates, Bob joining it, and the app server's API for what the UI does not show.
import type { Browser, Page } from '@playwright/test';
import type { Room, Session } from '../../common/api.js';
import { call } from './fixtures.js';
import { newPage } from './meeting-fixtures.js';
import { createRoom, DEMO_PASSWORD, joinFromLobby, openRoomLobby, signIn } from './meeting-helpers.js';
import { webBob } from './recording-helpers.js';

export async function webMeeting(
  browser: Browser,
  appUrl: string,
  title: string,
  roomOptions: Parameters<typeof createRoom>[3] = {},
): Promise<{ alice: Page; bob: Page; room: Room }> {
  const alice = await newPage(browser);
  await signIn(alice, appUrl, 'alice');
  await createRoom(alice, title, false, roomOptions);
  await openRoomLobby(alice, title);
  await joinFromLobby(alice);
  const room = await roomTitled(appUrl, title);
  const bob = await webBob(browser, appUrl, room.slug);
  return { alice, bob, room };
}

const api = <T>(appUrl: string, method: string, path: string, body?: unknown, token?: string) =>
  call<T>({ appUrl }, method, path, body, token);

const aliceToken = async (appUrl: string) =>
  (await api<Session>(appUrl, 'POST', '/auth/login', { username: 'alice', password: DEMO_PASSWORD }))
    .accessToken;

export async function roomTitled(appUrl: string, title: string): Promise<Room> {
  const { rooms } = await api<{ rooms: Room[] }>(
    appUrl,
    'GET',
    '/rooms',
    undefined,
    await aliceToken(appUrl),
  );
  const room = rooms.find((r) => r.title === title);
  if (!room) throw new Error(`No room titled ${title}`);
  return room;
}

/** The files in the page's origin private file system that hold web recordings. */
export function opfsRecordings(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('convene-recordings', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.sort();
  });
}
