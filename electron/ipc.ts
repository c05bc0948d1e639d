// Serves the contract over Electron IPC: one ipcMain.handle per method, registered from the
// contract in this one place. Every call is checked the same way: the sender frame's origin
// must be the app's own, the arguments must pass the method's zod schema, and errors cross as
// { code, message } only (no stack, no secret). `dispatch` is that logic without Electron.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { methods, type EventName, type Events, type InvokeOutcome, type MethodName } from './contract.js';
import { eventChannel, invokeChannel } from './channels.js';
import { isTrustedUrl, type TrustedOrigins } from './origins.js';
import { publicError, ServiceError } from './services/errors.js';
import type { Handlers } from './services/handlers.js';
import type { Logger } from './services/logger.js';

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** One call: origin check, argument validation, the handler, errors turned into { code, message }. */
export async function dispatch(
  handlers: Handlers,
  method: string,
  rawArgs: unknown,
  frameUrl: string | undefined,
  trusted: TrustedOrigins,
  log: Logger,
): Promise<InvokeOutcome<MethodName>> {
  try {
    if (!isTrustedUrl(frameUrl, trusted)) {
      throw new ServiceError('FORBIDDEN_ORIGIN', 'This page may not call the desktop app.');
    }
    if (!isMethodName(method)) throw new ServiceError('UNKNOWN_METHOD', `There is no method ${method}.`);
    const parsed = methods[method].args.safeParse(rawArgs);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new ServiceError(
        'INVALID_ARGUMENT',
        `${method}: ${where}${issue?.message ?? 'invalid arguments'}`,
      );
    }
    const handler = handlers[method] as (args: unknown) => unknown;
    const value = (await handler(parsed.data)) as never;
    return { ok: true, value };
  } catch (err) {
    const error = publicError(err);
    if (error.code === 'INTERNAL') log.error(`${method} failed`, err);
    else log.info(`${method} refused`, error);
    return { ok: false, error };
  }
}

export function registerIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  trusted: TrustedOrigins,
  log: Logger,
): void {
  for (const method of Object.keys(methods) as MethodName[]) {
    ipcMain.handle(invokeChannel(method), (event: IpcMainInvokeEvent, args: unknown) =>
      dispatch(handlers, method, args, event.senderFrame?.url, trusted, log),
    );
  }
}

/** Pushes a contract event to a window, if it is still there. */
export function sendEvent<E extends EventName>(
  target: WebContents | undefined,
  event: E,
  payload: Events[E],
): void {
  if (target && !target.isDestroyed()) target.send(eventChannel(event), payload);
}
