import { describe, expect, it } from 'vitest';
import { livekitConfig } from '../../scripts/stack/livekit-config.js';

// What every stack's config has: keys, ports and the test mode's room timeouts.
const BASE = {
  keys: { apiKey: 'APIabc', apiSecret: 's'.repeat(40) },
  port: 7000,
  tcpPort: 7001,
  udpPort: 7002,
  emptyTimeout: 2,
  departureTimeout: 1,
};

describe('livekitConfig', () => {
  it('binds to loopback, keeps ICE local and points the webhook at the app server', () => {
    const yaml = livekitConfig({
      ...BASE,
      webhookUrl: 'http://127.0.0.1:8080/webhooks/livekit',
    });
    // JSON is a subset of YAML, so the config can be checked as data.
    const config = JSON.parse(yaml);
    expect(config.bind_addresses).toEqual(['127.0.0.1']);
    expect(config.keys).toEqual({ APIabc: 's'.repeat(40) });
    expect(config.rtc).toMatchObject({
      node_ip: '127.0.0.1',
      use_external_ip: false,
      enable_loopback_candidate: true,
      tcp_port: 7001,
      udp_port: 7002,
    });
    expect(config.rtc.stun_servers.every((s: string) => s.startsWith('127.0.0.1:'))).toBe(true);
    expect(config.webhook).toEqual({ api_key: 'APIabc', urls: ['http://127.0.0.1:8080/webhooks/livekit'] });
    expect(config.room).toEqual({ empty_timeout: 2, departure_timeout: 1 });
    expect(config.redis).toBeUndefined();
  });

  it('joins a Redis database when clustered, and sends no webhook when none is given', () => {
    const config = JSON.parse(
      livekitConfig({
        ...BASE,
        redisAddress: '127.0.0.1:6379',
        redisDb: 7,
      }),
    );
    expect(config.redis).toEqual({ address: '127.0.0.1:6379', db: 7 });
    expect(config.webhook).toBeUndefined();
  });

  it('also listens on and announces a non-loopback test address when given one (for bots)', () => {
    const config = JSON.parse(
      livekitConfig({
        ...BASE,
        nodeIp: '10.201.3.1',
      }),
    );
    expect(config.bind_addresses).toEqual(['127.0.0.1', '10.201.3.1']);
    expect(config.rtc.node_ip).toBe('10.201.3.1');
    expect(config.rtc.enable_loopback_candidate).toBe(true);
  });

  it('sets a playout delay for every room only when given one', () => {
    const config = JSON.parse(
      livekitConfig({
        ...BASE,
        playoutDelay: { minMs: 0, maxMs: 400 },
      }),
    );
    expect(config.room).toEqual({
      empty_timeout: 2,
      departure_timeout: 1,
      playout_delay: { enabled: true, min: 0, max: 400 },
    });
  });
});
