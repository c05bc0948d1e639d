// Binds the real main-process services into a Chromium page the way preload.ts binds them into
// the window: window.convene.invoke goes through electron/ipc.ts's dispatch (origin check and
// argument validation) to the services; events from main reach the page's listeners.
import type { Page } from '@playwright/test';
import type { EventName, Events } from '../../electron/contract.js';
import { dispatch } from '../../electron/ipc.js';
import { createLogger } from '../../electron/services/logger.js';
import type { Harness } from '../electron/support/desktop-harness.js';

export async function bindDesktop(page: Page, harness: Harness, trustedOrigin: string): Promise<void> {
  const log = createLogger({ write: () => undefined }, 'e2e-ipc');
  await page.exposeBinding('__conveneInvoke', (source, method: string, args: unknown) =>
    dispatch(
      harness.services.handlers,
      method,
      args,
      source.frame.url(),
      { devServerOrigin: trustedOrigin },
      log,
    ),
  );
  await page.addInitScript(() => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const w = globalThis as unknown as Record<string, unknown>;
    w.__conveneEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
    w.convene = {
      invoke: (method: string, args?: unknown) =>
        (w.__conveneInvoke as (m: string, a: unknown) => Promise<unknown>)(method, args),
      on: (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    };
  });
}

/** Main's emit, delivered to the page (for the harness's `emit` port). */
export function emitter(getPage: () => Page | undefined) {
  return <E extends EventName>(event: E, payload: Events[E]) => {
    const page = getPage();
    if (!page) return;
    void page
      .evaluate(
        ([e, p]) =>
          (globalThis as unknown as { __conveneEmit(e: string, p: unknown): void }).__conveneEmit(e, p),
        [event, payload] as const,
      )
      .catch(() => undefined);
  };
}
