// The user settings every client keeps (the desktop app's settings file, the web client's local
// storage), their schema, and the values both fall back to. Also the shape of a server URL.
import { z } from 'zod';

/** An http(s) origin with an optional path prefix; never credentials, query or fragment. */
export const ServerUrl = z
  .url({ protocol: /^https?$/, error: 'serverUrl must be an http(s) URL' })
  .max(2048)
  .refine((value) => {
    // zod runs refinements after a failed check too; the url check has reported that case.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'serverUrl must not contain credentials, a query or a fragment');

/** User settings the renderer may read and change (device choices and join defaults). */
export const Settings = z.strictObject({
  cameraId: z.string().max(512).nullable(),
  microphoneId: z.string().max(512).nullable(),
  speakerId: z.string().max(512).nullable(),
  joinWithCamera: z.boolean(),
  joinWithMicrophone: z.boolean(),
  /** The app server last signed in to; a policy `serverUrl` overrides it. */
  serverUrl: ServerUrl.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  cameraId: null,
  microphoneId: null,
  speakerId: null,
  joinWithCamera: true,
  joinWithMicrophone: true,
  serverUrl: null,
};

/** Settings as stored (a file, local storage): keys of newer versions are dropped and missing
 *  keys take their defaults; a value of the wrong type makes the whole record invalid. */
export const SettingsFile = z
  .record(z.string(), z.unknown())
  .transform((stored) => ({
    ...DEFAULT_SETTINGS,
    ...Object.fromEntries(Object.entries(stored).filter(([key]) => Object.hasOwn(DEFAULT_SETTINGS, key))),
  }))
  .pipe(Settings);
