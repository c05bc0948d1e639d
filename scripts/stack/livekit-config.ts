// The livekit-server configuration for a stack on loopback (see DESIGN.md, "LiveKit server on
// loopback"). YAML is written by hand: the shape is small and fixed, and JSON is valid YAML.
import type { ApiKeyPair } from './keys.js';

export interface LivekitConfigInput {
  keys: ApiKeyPair;
  port: number;
  tcpPort: number;
  udpPort: number;
  /** Where LiveKit posts its webhooks; none when absent. */
  webhookUrl?: string;
  /** More webhook receivers: LiveKit posts every event to each (several app servers). */
  extraWebhookUrls?: string[];
  /** Seconds an empty room lives; tests lower it so `room_finished` arrives quickly. */
  emptyTimeout: number;
  departureTimeout: number;
  redisAddress?: string;
  /** Redis database number, so that clusters of different runs never see each other's nodes. */
  redisDb?: number;
  /** An address of this host that is not loopback, for clients that ignore loopback candidates
   *  (bots in a network namespace, see bench/support/netns.ts); LiveKit also listens on it. */
  nodeIp?: string;
  /** ICE on nodeIp alone: no loopback or other host candidates, as a server with one address
   *  would offer. A browser beside LiveKit otherwise first tries its eth0 address against
   *  LiveKit's 127.0.0.1, is never answered, and loses one ICE pacing interval (~50 ms). */
  iceOnlyOnNodeIp?: boolean;
  /** LiveKit's playout delay for every room: the range (ms) it asks receivers to hold video
   *  in their jitter buffer. Absent: LiveKit's default (off, the browser chooses). */
  playoutDelay?: PlayoutDelay;
}

export interface PlayoutDelay {
  minMs: number;
  maxMs: number;
}

export function livekitConfig(input: LivekitConfigInput): string {
  const config = {
    port: input.port,
    bind_addresses: input.nodeIp ? ['127.0.0.1', input.nodeIp] : ['127.0.0.1'],
    log_level: 'info',
    keys: { [input.keys.apiKey]: input.keys.apiSecret },
    rtc: {
      tcp_port: input.tcpPort,
      udp_port: input.udpPort,
      node_ip: input.nodeIp ?? '127.0.0.1',
      use_external_ip: false,
      enable_loopback_candidate: !(input.nodeIp && input.iceOnlyOnNodeIp),
      ...(input.nodeIp && input.iceOnlyOnNodeIp ? { ips: { includes: [`${input.nodeIp}/32`] } } : {}),
      // Otherwise the server hands clients public STUN servers, which cannot be reached here.
      stun_servers: [`127.0.0.1:${input.udpPort}`],
    },
    room: {
      empty_timeout: input.emptyTimeout,
      departure_timeout: input.departureTimeout,
      ...(input.playoutDelay
        ? { playout_delay: { enabled: true, min: input.playoutDelay.minMs, max: input.playoutDelay.maxMs } }
        : {}),
    },
    ...(input.webhookUrl
      ? {
          webhook: {
            api_key: input.keys.apiKey,
            urls: [input.webhookUrl, ...(input.extraWebhookUrls ?? [])],
          },
        }
      : {}),
    ...(input.redisAddress ? { redis: { address: input.redisAddress, db: input.redisDb ?? 0 } } : {}),
  };
  return JSON.stringify(config, null, 2) + '\n';
}
