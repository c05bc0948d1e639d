// The About & diagnostics view in the web client served by the real app server: the honest web
// equivalents (no IT policy reaches a browser, the web client never updates itself, the refresh
// token lives in the tab only), and "copy diagnostics" without any token.
import { screenshot, signIn } from './meeting-helpers.js';
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';

test('web About & diagnostics: no policy, no updates, nothing secret copied', async ({ browser, stack }) => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.appUrl });
  await signIn(page, stack.appUrl, 'bob');
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About Convene' })).toBeVisible();
  await expect(page.getByText('none: no IT policy applies in a browser')).toBeVisible();
  await expect(page.getByText('off: The web client is served by the app server')).toBeVisible();
  await expect(page.getByText('this browser tab only')).toBeVisible();
  await expect(page.getByRole('status', { name: 'App update' })).toHaveCount(0);
  await screenshot(page, 'about-web');
  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`app server: ${stack.appUrl}`);
  expect(copied).toContain('signed in as: bob');
  const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
  const refreshToken = (JSON.parse(stored) as Record<string, string>)['convene.refreshToken'];
  expect(refreshToken).toBeTruthy();
  expect(copied).not.toContain(refreshToken);
  expectNoPageErrors(page);
  await page.context().close();
});
