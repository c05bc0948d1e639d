// Several livekit-server nodes sharing one Redis: how Convene's media tier grows past one
// machine. Each node has its own ports; a room lives on one node and the others relay its
// signalling, so a client may connect to any node.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomKeyPair, type ApiKeyPair } from './keys.js';
import { startLivekitNode, type LivekitNode } from './livekit-node.js';

export interface ClusterOptions {
  nodes: number;
  redisAddress: string;
  /** Redis database for this cluster (1-15 keeps it apart from a default-database deployment). */
  redisDb: number;
  onLine?: (node: number, line: string) => void;
}

export interface LivekitCluster {
  keys: ApiKeyPair;
  /** WebSocket URL of each node, in start order. */
  urls: string[];
  apiUrls: string[];
  stop(): Promise<void>;
}

export async function startLivekitCluster(opts: ClusterOptions): Promise<LivekitCluster> {
  const keys = randomKeyPair();
  const workDir = await mkdtemp(join(tmpdir(), 'convene-cluster-'));
  const nodes: LivekitNode[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.splice(0).map((n) => n.child.stop()));
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    // One after another: each node registers itself in Redis as it starts.
    for (let i = 0; i < opts.nodes; i++) {
      nodes.push(
        await startLivekitNode({
          name: `livekit-node-${i + 1}`,
          keys,
          mode: 'test',
          workDir,
          redisAddress: opts.redisAddress,
          redisDb: opts.redisDb,
          onLine: (line) => opts.onLine?.(i + 1, line),
        }),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    keys,
    urls: nodes.map((n) => `ws://127.0.0.1:${n.port}`),
    apiUrls: nodes.map((n) => `http://127.0.0.1:${n.port}`),
    stop,
  };
}
