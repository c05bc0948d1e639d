// What the meeting UI needs from its host, derived from the IPC contract (electron/contract.ts,
// imported as types only): the same methods and events, whether the host is the Electron main
// process (through the preload bridge) or, in a browser, the app server reached directly.
// Unlike the raw bridge, a Platform throws PlatformError instead of returning an outcome.
import type { Api, CallParams, ResponseOf } from '../../../common/api.js';
import type {
  ConveneBridge,
  EventName,
  Events,
  MethodArgs,
  MethodName,
  MethodResult,
  RendererRouteId,
  Settings,
} from '../../../electron/contract.js';

export type { Settings };

/** Methods whose arguments may be omitted take no second argument (as in the contract). */
export type ArgsOf<M extends MethodName> =
  undefined extends MethodArgs<M> ? [args?: MethodArgs<M>] : [args: MethodArgs<M>];

export interface Platform {
  readonly kind: 'electron' | 'web';
  invoke<M extends MethodName>(method: M, ...args: ArgsOf<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Calls the app server by route id (common/api/), typed by the route table. */
  call<Id extends RendererRouteId>(
    id: Id,
    ...rest: CallParams<Api[Id], CallOptions>
  ): Promise<ResponseOf<Api[Id]>>;
}

export interface CallOptions {
  /** Public routes only: the server of a guest's invite, when it is not the current one. */
  serverUrl?: string;
}

/** `call` on top of `invoke`: the one contract method that reaches the app server. */
export function callThrough(invoke: Platform['invoke']): Platform['call'] {
  return ((id: RendererRouteId, args?: MethodArgs<'api.call'>['args'], options?: CallOptions) =>
    invoke('api.call', {
      route: id,
      ...(args ? { args } : {}),
      ...(options?.serverUrl ? { serverUrl: options.serverUrl } : {}),
    })) as Platform['call'];
}

/** One function per contract method: what the web platform implements. */
export type MethodHandlers = {
  [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResult<M>>;
};

export type DeviceChoices = Pick<
  Settings,
  'cameraId' | 'microphoneId' | 'speakerId' | 'joinWithCamera' | 'joinWithMicrophone'
>;

export { DEFAULT_SETTINGS } from '../../../common/settings.js';

declare global {
  interface Window {
    /** The preload bridge; present only inside the desktop app. */
    convene?: ConveneBridge;
  }
}

/** An error the UI can show as is: the server's or main process's message, or a plain sentence. */
export class PlatformError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PlatformError';
  }
}

export function errorText(err: unknown): string {
  if (err instanceof PlatformError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
