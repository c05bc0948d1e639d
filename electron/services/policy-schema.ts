// The one policy schema. Every reader (Linux JSON, macOS managed preferences, Windows registry),
// the ADMX/ADML and .mobileconfig generators and the IT guide's key table come from this table.
//
// Design (as Chromium and Edge do it): a value IT puts at the top level (registry key
// `Policies\Convene`, the plist's top level, the JSON file's top level) is ENFORCED; a value under
// `Recommended` is a DEFAULT the user may change. Keys marked `recommendable: false` exist only in
// the enforced form. Precedence per key: enforced > user setting > policy default > built-in.
import { valid as validSemver } from 'semver';
import { z } from 'zod';
import { ServerUrl } from '../contract.js';

const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/,
    'must be a host name',
  );
const HttpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2048);
const Version = z
  .string()
  .max(64)
  .refine((v) => validSemver(v) !== null, 'must be a version like 1.4.0');
const FolderPath = z.string().trim().min(1).max(1024);

/** How a key is typed in the OS tools: ADMX element, plist type, JSON type. */
export type PolicyKind = 'boolean' | 'string' | 'integer' | 'enum' | 'list';

interface KeySpec<S extends z.ZodType> {
  schema: S;
  kind: PolicyKind;
  /** The built-in default, used when neither IT nor the user set the key. */
  builtIn: z.output<S>;
  /** Whether IT may also give this key as a default the user can change. */
  recommendable: boolean;
  /** Whether a user setting exists for it, between the enforced and the default value. */
  userSetting: boolean;
  /** Short title (ADMX display name) and the sentence of the IT guide. */
  title: string;
  description: string;
  example: z.output<S>;
  /** Whether the generated examples set it enforced or as a default. */
  exampleAs: 'enforced' | 'default';
  /** What the value looks like, for the IT guide (e.g. "https URL"). */
  format: string;
  /** Allowed values, for `enum` keys. */
  values?: readonly string[];
  /** Inclusive bounds, for `integer` keys. */
  range?: readonly [number, number];
}
const key = <S extends z.ZodType>(spec: KeySpec<S>) => spec;

const CHANNELS = ['latest', 'beta'] as const;

export const POLICY_KEYS = {
  serverUrl: key({
    schema: ServerUrl.nullable(),
    kind: 'string',
    builtIn: null,
    recommendable: true,
    userSetting: true,
    title: 'App server URL',
    description: 'The app server users sign in to.',
    example: 'https://meet.example.com',
    exampleAs: 'enforced',
    format: 'http(s) URL',
  }),
  lockServerUrl: key({
    schema: z.boolean(),
    kind: 'boolean',
    builtIn: false,
    recommendable: false,
    userSetting: false,
    title: 'Lock the app server URL',
    description: 'Users cannot sign in to any other server (needs an enforced `serverUrl`).',
    example: true,
    exampleAs: 'enforced',
    format: 'boolean',
  }),
  allowedDeepLinkHosts: key({
    schema: z.array(Hostname).max(100),
    kind: 'list',
    builtIn: [],
    recommendable: false,
    userSetting: false,
    title: 'Hosts meeting links may name',
    description:
      'Meeting links may open these servers (`*.example.com` = any subdomain); the current one always may.',
    example: ['meet.example.com', '*.meet.example.com'],
    exampleAs: 'enforced',
    format: 'list of host names',
  }),
  autoUpdate: key({
    schema: z.boolean(),
    kind: 'boolean',
    builtIn: true,
    recommendable: false,
    userSetting: false,
    title: 'Automatic updates',
    description:
      '`false` turns updates off. An MSI, deb or rpm install updates itself only when this is enforced `true`.',
    example: true,
    exampleAs: 'enforced',
    format: 'boolean',
  }),
  updateChannel: key({
    schema: z.enum(CHANNELS),
    kind: 'enum',
    values: CHANNELS,
    builtIn: 'latest',
    recommendable: true,
    userSetting: false,
    title: 'Update channel',
    description: 'The release channel to follow.',
    example: 'latest',
    exampleAs: 'default',
    format: '"latest" or "beta"',
  }),
  updateFeedUrl: key({
    schema: HttpsUrl.nullable(),
    kind: 'string',
    builtIn: null,
    recommendable: false,
    userSetting: false,
    title: 'Update feed URL',
    description:
      'Your own update server (a folder holding `latest.yml`, `latest-mac.yml`, …); else the built-in one.',
    example: 'https://updates.example.com/convene',
    exampleAs: 'enforced',
    format: 'https URL',
  }),
  updateDeferralDays: key({
    schema: z.int().min(0).max(90),
    kind: 'integer',
    range: [0, 90],
    builtIn: 0,
    recommendable: false,
    userSetting: false,
    title: 'Update deferral (days)',
    description: 'Install a release only this many days after it was published.',
    example: 7,
    exampleAs: 'enforced',
    format: 'integer 0-90',
  }),
  minimumVersion: key({
    schema: Version.nullable(),
    kind: 'string',
    builtIn: null,
    recommendable: false,
    userSetting: false,
    title: 'Minimum version',
    description:
      'An older app updates at once, ignoring deferral and staged rollout (still never mid-meeting).',
    example: '1.4.0',
    exampleAs: 'enforced',
    format: 'version (semver)',
  }),
  disableLocalRecording: key({
    schema: z.boolean(),
    kind: 'boolean',
    builtIn: false,
    recommendable: false,
    userSetting: false,
    title: 'Disable local recording',
    description: 'The app offers no recording to the local disk.',
    example: false,
    exampleAs: 'enforced',
    format: 'boolean',
  }),
  recordingFolder: key({
    schema: FolderPath.nullable(),
    kind: 'string',
    builtIn: null,
    recommendable: true,
    userSetting: true,
    title: 'Recording folder',
    description: 'Where local recordings are saved; else the user’s Videos folder.',
    example: '/srv/recordings',
    exampleAs: 'default',
    format: 'folder path',
  }),
  hardwareAcceleration: key({
    schema: z.boolean(),
    kind: 'boolean',
    builtIn: true,
    recommendable: true,
    userSetting: true,
    title: 'Hardware acceleration',
    description:
      '`false` turns GPU acceleration off (for virtual desktops with broken drivers); applies at the next start.',
    example: true,
    exampleAs: 'default',
    format: 'boolean',
  }),
  disableTelemetry: key({
    schema: z.boolean(),
    kind: 'boolean',
    builtIn: false,
    recommendable: false,
    userSetting: false,
    title: 'Disable telemetry',
    description: 'Convene sends no usage data today; this fixes it off for any future version.',
    example: true,
    exampleAs: 'enforced',
    format: 'boolean',
  }),
} as const;

export type PolicyKeys = typeof POLICY_KEYS;
export type PolicyKey = keyof PolicyKeys;
export type PolicyValues = { [K in PolicyKey]: z.output<PolicyKeys[K]['schema']> };
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

/** The name of the sub-key/sub-dictionary holding defaults the user may change. */
export const RECOMMENDED = 'Recommended';
/** Windows registry path under HKLM/HKCU, and macOS preference domain. */
export const REGISTRY_PATH = 'SOFTWARE\\Policies\\Convene';
export const PREFERENCE_DOMAIN = 'com.convene.desktop';

export const BUILT_IN: PolicyValues = Object.fromEntries(
  POLICY_KEY_NAMES.map((name) => [name, POLICY_KEYS[name].builtIn]),
) as PolicyValues;

/** Every key's example, enforced at the top level or as a default under `Recommended`. */
export function examplePolicy(): Record<string, unknown> {
  const enforced: Record<string, unknown> = {};
  const recommended: Record<string, unknown> = {};
  for (const name of POLICY_KEY_NAMES) {
    const spec = POLICY_KEYS[name];
    (spec.exampleAs === 'default' ? recommended : enforced)[name] = spec.example;
  }
  return { ...enforced, [RECOMMENDED]: recommended };
}
