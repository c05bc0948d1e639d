// Starts one livekit-server process on loopback with a generated config, on free ports, and
// waits until it answers. The single-node stack and the multi-node cluster both use it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureLivekitServer } from '../livekit-binary.js';
import { spawnManaged, waitForHttp, type ManagedChild } from './child-process.js';
import type { ApiKeyPair } from './keys.js';
import { livekitConfig, type PlayoutDelay } from './livekit-config.js';
import { freeTcpPort, freeUdpPort } from './ports.js';

export interface LivekitNodeOptions {
  name: string;
  keys: ApiKeyPair;
  webhookUrl?: string;
  /** More webhook receivers, e.g. a second app server (see livekit-config.ts). */
  extraWebhookUrls?: string[];
  /** Test stacks use short room timeouts so that `room_finished` arrives within seconds. */
  mode: 'test' | 'dev';
  workDir: string;
  redisAddress?: string;
  redisDb?: number;
  /** A non-loopback address to listen on and announce as node_ip (see livekit-config.ts). */
  nodeIp?: string;
  /** See livekit-config.ts. */
  iceOnlyOnNodeIp?: boolean;
  /** See livekit-config.ts. */
  playoutDelay?: PlayoutDelay;
  onLine?: (line: string) => void;
}

export interface LivekitNode {
  child: ManagedChild;
  port: number;
  /** Starts the node again with the same config and ports (after it was stopped or killed). */
  restart(): Promise<ManagedChild>;
}

export async function startLivekitNode(opts: LivekitNodeOptions): Promise<LivekitNode> {
  const binary = await ensureLivekitServer();
  const [port, tcpPort, udpPort] = [await freeTcpPort(), await freeTcpPort(), await freeUdpPort()];
  const configFile = join(opts.workDir, `${opts.name}.yaml`);
  const config = livekitConfig({
    keys: opts.keys,
    port,
    tcpPort,
    udpPort,
    ...(opts.webhookUrl ? { webhookUrl: opts.webhookUrl } : {}),
    ...(opts.extraWebhookUrls ? { extraWebhookUrls: opts.extraWebhookUrls } : {}),
    emptyTimeout: opts.mode === 'test' ? 2 : 300,
    departureTimeout: opts.mode === 'test' ? 1 : 20,
    ...(opts.redisAddress ? { redisAddress: opts.redisAddress, redisDb: opts.redisDb ?? 0 } : {}),
    ...(opts.nodeIp ? { nodeIp: opts.nodeIp, iceOnlyOnNodeIp: opts.iceOnlyOnNodeIp ?? false } : {}),
    ...(opts.playoutDelay ? { playoutDelay: opts.playoutDelay } : {}),
  });
  await writeFile(configFile, config, { mode: 0o600 });
  const spawn = async () => {
    const child = spawnManaged(opts.name, binary, ['--config', configFile], {
      ...(opts.onLine ? { onLine: opts.onLine } : {}),
    });
    // Generous bounds: on a loaded two-core machine a cold start can take many seconds.
    await waitForHttp(child, `http://127.0.0.1:${port}/`, 60_000);
    return child;
  };
  const node: LivekitNode = {
    child: await spawn(),
    port,
    async restart() {
      await node.child.stop();
      node.child = await spawn();
      return node.child;
    },
  };
  return node;
}
