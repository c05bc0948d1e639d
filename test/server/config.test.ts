import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';

const valid = {
  LIVEKIT_URL: 'ws://127.0.0.1:7880',
  LIVEKIT_API_KEY: 'APIkey',
  LIVEKIT_API_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('applies defaults and derives the LiveKit API URL from the WebSocket URL', () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.livekit.apiUrl).toBe('http://127.0.0.1:7880');
  });

  it('lists every problem by variable name without echoing secret values', () => {
    const badSecret = 'short-secret-value';
    let error: unknown;
    try {
      loadConfig({ LIVEKIT_URL: 'http://wrong', LIVEKIT_API_SECRET: badSecret, CONVENE_PORT: 'abc' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/LIVEKIT_URL: LIVEKIT_URL must start with ws:\/\//);
    expect(message).toMatch(/LIVEKIT_API_KEY/);
    expect(message).toMatch(/LIVEKIT_API_SECRET: LIVEKIT_API_SECRET must be 32\+ characters/);
    expect(message).toMatch(/CONVENE_PORT/);
    expect(message).not.toContain(badSecret);
  });

  it('parses boolean flags strictly', () => {
    expect(loadConfig({ ...valid, CONVENE_SEED_DEMO: '1' }).seedDemo).toBe(true);
    expect(loadConfig({ ...valid, CONVENE_SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(() => loadConfig({ ...valid, CONVENE_SEED_DEMO: 'yes' })).toThrow(/CONVENE_SEED_DEMO/);
  });

  it('takes the push leases from the environment, a dead time at least two heartbeats long', () => {
    expect(loadConfig(valid).pushLease).toEqual({ heartbeatMs: 5000, deadAfterMs: 20_000 });
    const short = { ...valid, CONVENE_PUSH_HEARTBEAT_MS: '250', CONVENE_PUSH_DEAD_AFTER_MS: '1500' };
    expect(loadConfig(short).pushLease).toEqual({ heartbeatMs: 250, deadAfterMs: 1500 });
    expect(() => loadConfig({ ...short, CONVENE_PUSH_DEAD_AFTER_MS: '400' })).toThrow(
      /CONVENE_PUSH_DEAD_AFTER_MS: must be at least twice CONVENE_PUSH_HEARTBEAT_MS/,
    );
  });
});
