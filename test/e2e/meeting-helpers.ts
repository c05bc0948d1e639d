// Steps the meeting-UI tests share, written as a user would do them: through labels and roles.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'convene-demo';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export async function signIn(page: Page, appUrl: string, username: string, shot?: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Good to see you/ })).toBeVisible();
}

/** Opens People from the main navigation. */
export async function openPeople(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^People/ })
    .click();
  await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();
}

/** A colleague's entry on People (its presence is `.getByTestId('presence')`). */
export function person(page: Page, name: string): Locator {
  return page.getByRole('listitem', { name });
}

/** The ring banner of a call from `caller`. */
export function ring(page: Page, caller: string): Locator {
  return page.getByRole('alertdialog', { name: `${caller} is calling` });
}

export async function createRoom(
  page: Page,
  title: string,
  waitingRoom = false,
  options: { allowRecording?: boolean; shot?: string } = {},
): Promise<void> {
  await page.getByLabel('Title').fill(title);
  if (waitingRoom) await page.getByLabel(/waiting room/).check();
  const allowRecording = page.getByLabel(/Let participants record/);
  await expect(allowRecording).toBeChecked(); // as the app server defaults
  if (options.allowRecording === false) await allowRecording.uncheck();
  if (options.shot) await screenshot(page, options.shot);
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByRole('listitem', { name: title })).toBeVisible();
}

/** Creates a participant invite from the room's card and returns its link. */
export async function inviteLink(page: Page, title: string): Promise<string> {
  const card = page.getByRole('listitem', { name: title });
  await card.getByRole('button', { name: 'Invite' }).click();
  const link = card.getByLabel(`Invite link for ${title}`);
  await expect(link).toHaveValue(/\/join\//);
  return link.inputValue();
}

export async function openRoomLobby(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: `Join ${title}` }).click();
  await expect(page.getByRole('button', { name: 'Join now' })).toBeEnabled();
}

/** Joins from the lobby and waits for the meeting's control bar. */
export async function joinFromLobby(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join now' }).click();
  await expect(page.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  await expect(page.locator('.room')).toHaveAttribute('data-status', 'connected');
}

/** Presses Start recording and waits until it runs. A refusal fails at once with the toast's own
 *  words; a busy machine gets 30 s, since starting spins up a worker and its encoders. */
export async function startRecording(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start recording' }).click();
  const running = page.getByRole('button', { name: 'Stop recording' });
  const refused = page
    .getByRole('status', { name: 'Notifications' })
    .getByText(/Could not start recording|cannot record|turned off/i);
  await expect(running.or(refused)).toBeVisible({ timeout: 30_000 });
  if (await refused.isVisible()) throw new Error(`Recording did not start: ${await refused.innerText()}`);
}

export function tileOf(page: Page, name: string): Locator {
  return page.locator('figure.tile', { hasText: name });
}

/** Counts decoded frames of the video in `tile` for `ms` (requestVideoFrameCallback). */
export function framesIn(video: Locator, ms = 1500): Promise<{ frames: number; width: number }> {
  return video.evaluate(async (element, duration) => {
    const v = element as HTMLVideoElement;
    let frames = 0;
    const onFrame = (): void => {
      frames += 1;
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
    await new Promise((resolve) => setTimeout(resolve, duration));
    return { frames, width: v.videoWidth };
  }, ms);
}

/** Peak level of everything the page plays through its remote-audio elements over `ms`. */
export function remoteAudioPeak(page: Page, ms = 2000): Promise<number> {
  return page.evaluate(async (duration) => {
    const streams = [...document.querySelectorAll('audio[data-track-sid]')]
      .map((a) => (a as HTMLAudioElement).srcObject)
      .filter((s): s is MediaStream => s instanceof MediaStream);
    if (streams.length === 0) return 0;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    for (const stream of streams) context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const deadline = performance.now() + duration;
    while (performance.now() < deadline) {
      analyser.getFloatTimeDomainData(samples);
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await context.close();
    return peak;
  }, ms);
}
