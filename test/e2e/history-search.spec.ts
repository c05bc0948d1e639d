// Searching the history by person finds the app server's records too, not only meetings in the
// local log: bob's 300 call records are seeded into the real app server's SQLite (the list
// pages 200 at a time); Zelda was in the 251st only, carol (found by her username: her leg's
// name is "C.") in the 282nd. The web client asks the server (`cdr.list?person=`) and shows them.
import { userByName, seedMeetings } from '../support/seed-cdr.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { expect, newPage, test } from './meeting-fixtures.js';
import { screenshot, signIn } from './meeting-helpers.js';

let own: Stack | undefined;
test.afterAll(async () => {
  await own?.stop();
});

async function createRoom(stack: Stack, title: string): Promise<string> {
  const login = await fetch(`${stack.appUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bob', password: 'convene-demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${stack.appUrl}/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ title }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test('history: search by person finds server records beyond the pages loaded', async ({ browser }) => {
  test.setTimeout(120_000);
  own = await startTestStack(undefined, { seedUsers: true });
  const stack = own;
  const [bob, carol] = await Promise.all([
    userByName(stack.dataDir, 'bob'),
    userByName(stack.dataDir, 'carol'),
  ]);
  const roomIds = [await createRoom(stack, 'Weekly planning'), await createRoom(stack, 'Design crit')];
  await seedMeetings({
    dataDir: stack.dataDir,
    viewer: bob,
    roomIds,
    count: 300,
    others: new Map([
      [250, [{ id: 'guest-zelda', name: 'Zelda Quinn' }]],
      [281, [{ id: carol.id, name: 'C.' }]],
    ]),
  });

  const page = await newPage(browser);
  await signIn(page, stack.appUrl, 'bob');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const rows = page.getByRole('feed', { name: 'Past meetings' }).getByRole('article');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText('200 of 200 meetings (more as you scroll)')).toBeVisible();

  const search = page.getByRole('searchbox');
  await search.fill('ZELDA');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAccessibleName(/^Weekly planning, /);
  await expect(page.getByText(/^1 of 201 meetings/)).toBeVisible();
  await screenshot(page, 'history-search-person');
  await rows.first().getByRole('button', { expanded: false }).click();
  await expect(rows.first().getByRole('list', { name: 'Who was there when' })).toContainText('Zelda Quinn');

  await search.fill('carol');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAccessibleName(/^Design crit, /);
  // Zelda's match went with her search.
  await expect(page.getByText('1 of 201 meetings')).toBeVisible();

  // A room's title still matches on what is loaded; nobody matches nothing.
  await search.fill('design crit');
  await expect(page.getByText(/^100 of 200 meetings/)).toBeVisible();
  await search.fill('nobody at all');
  await expect(page.getByText('No meetings match.')).toBeVisible();
  await search.fill('');
  await expect(page.getByText(/^\d+ of \d+ meetings/)).toHaveText(/^(\d+) of \1 meetings/);
});
