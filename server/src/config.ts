// App server configuration, read from the environment and validated once at startup so that a
// bad deployment fails with a list of what is wrong instead of a stack trace later.
import { z } from 'zod';
import { DEFAULT_LEASE_TIMES, type LeaseTimes } from './push/instance-lease.js';

const secret = (name: string) =>
  z.string({ error: `${name} is required` }).min(32, `${name} must be 32+ characters`);
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  CONVENE_HOST: z.string().default('127.0.0.1'),
  CONVENE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CONVENE_DATA_DIR: z.string().min(1).default('./.convene/data'),
  CONVENE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().optional(),
  CONVENE_JWT_SECRET: secret('CONVENE_JWT_SECRET').optional(),
  CONVENE_PUBLIC_URL: z.string().url().optional(),
  CONVENE_SEED_DEMO: flag.default(false),
  CONVENE_TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|\d{1,2}|[0-9a-fA-F.:/, ]+)$/,
      'CONVENE_TRUST_PROXY must be false, true, a hop count or addresses',
    )
    .optional(),
  /** How long a call rings before it counts as missed (tests shorten it). */
  CONVENE_CALL_RING_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(30_000),
  CONVENE_RECONCILE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** How often each instance renews its lease and sweeps dead instances' push connections. */
  CONVENE_PUSH_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(DEFAULT_LEASE_TIMES.heartbeatMs),
  /** How long an instance may go unrenewed before it counts as dead (its users go offline). */
  CONVENE_PUSH_DEAD_AFTER_MS: z.coerce
    .number()
    .int()
    .min(200)
    .max(600_000)
    .default(DEFAULT_LEASE_TIMES.deadAfterMs),
  LIVEKIT_URL: z.string().regex(/^wss?:\/\//, 'LIVEKIT_URL must start with ws:// or wss://'),
  LIVEKIT_API_URL: z.string().url().optional(),
  LIVEKIT_API_KEY: z.string({ error: 'LIVEKIT_API_KEY is required' }).min(1),
  LIVEKIT_API_SECRET: secret('LIVEKIT_API_SECRET'),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>['CONVENE_LOG_LEVEL'];
  databaseUrl?: string;
  /** Signs access tokens and invites; generated once and kept in the database when unset. */
  jwtSecret?: string;
  /** Where people reach this server; invite links start with it. */
  publicUrl: string;
  /** Seed the demo users alice, bob and carol (the local dev stack only). */
  seedDemo: boolean;
  /** Fastify's `trustProxy`: whose X-Forwarded-For to believe for the client's address (the
   *  sign-in limiter counts per address). Unset: nobody's, the socket address is the client. */
  trustProxy?: boolean | number | string[];
  /** How long a call rings before it counts as missed. */
  callRingTimeoutMs: number;
  /** How often call records are reconciled with LiveKit (also once at start-up); 0: never. */
  reconcileSeconds: number;
  /** The push channel's instance leases: a dead instance's users go offline within
   *  deadAfterMs + heartbeatMs (push/instance-lease.ts). */
  pushLease: LeaseTimes;
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid app server configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variable, never echo its value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  // One late heartbeat must not make a live instance look dead.
  if (e.CONVENE_PUSH_DEAD_AFTER_MS < 2 * e.CONVENE_PUSH_HEARTBEAT_MS) {
    throw new ConfigError(['CONVENE_PUSH_DEAD_AFTER_MS: must be at least twice CONVENE_PUSH_HEARTBEAT_MS']);
  }
  return {
    host: e.CONVENE_HOST,
    port: e.CONVENE_PORT,
    dataDir: e.CONVENE_DATA_DIR,
    logLevel: e.CONVENE_LOG_LEVEL,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.CONVENE_JWT_SECRET ? { jwtSecret: e.CONVENE_JWT_SECRET } : {}),
    publicUrl: (e.CONVENE_PUBLIC_URL ?? `http://${e.CONVENE_HOST}:${e.CONVENE_PORT}`).replace(/\/+$/, ''),
    seedDemo: e.CONVENE_SEED_DEMO,
    reconcileSeconds: e.CONVENE_RECONCILE_SECONDS,
    ...(e.CONVENE_TRUST_PROXY ? { trustProxy: parseTrustProxy(e.CONVENE_TRUST_PROXY) } : {}),
    callRingTimeoutMs: e.CONVENE_CALL_RING_TIMEOUT_MS,
    pushLease: { heartbeatMs: e.CONVENE_PUSH_HEARTBEAT_MS, deadAfterMs: e.CONVENE_PUSH_DEAD_AFTER_MS },
    livekit: {
      url: e.LIVEKIT_URL,
      // The API lives on the same port as signalling, over HTTP(S).
      apiUrl: e.LIVEKIT_API_URL ?? e.LIVEKIT_URL.replace(/^ws/, 'http'),
      apiKey: e.LIVEKIT_API_KEY,
      apiSecret: e.LIVEKIT_API_SECRET,
    },
  };
}

/** "false" | "true" | a hop count ("1": the nearest proxy) | addresses or CIDRs, comma-separated. */
function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'false' || value === 'true') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
