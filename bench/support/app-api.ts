// The app server's HTTP API as the benchmarks use it: a room made by a seeded user, the way a
// company's script would make one.
import type { Stack } from '../../scripts/stack/stack.js';

async function post<T>(stack: Stack, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${stack.appUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A new room titled `title`, made by alice (a seeded user of the test stack). */
export async function createRoomAsAlice(stack: Stack, title: string): Promise<{ id: string; slug: string }> {
  const { accessToken } = await post<{ accessToken: string }>(stack, '/auth/login', {
    username: 'alice',
    password: 'convene-demo',
  });
  return post(stack, '/rooms', { title }, accessToken);
}
