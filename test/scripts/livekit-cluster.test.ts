// Two real livekit-server nodes sharing the machine's Redis: people connected to different
// nodes meet in one room, because the room lives on one node and the other relays signalling.
import { createConnection } from 'node:net';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLivekitCluster, type LivekitCluster } from '../../scripts/stack/livekit-cluster.js';
import { joinBot, type Bot } from '../support/bot.js';

const REDIS = process.env.CONVENE_TEST_REDIS ?? '127.0.0.1:6379';

function redisAnswers(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host, port: Number(port) }, () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('data', (reply) => (socket.end(), resolve(reply.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
  });
}

const redisUp = await redisAnswers(REDIS);
if (!redisUp) console.warn(`livekit cluster test skipped: no Redis answers at ${REDIS} (start redis-server)`);

async function token(cluster: LivekitCluster, room: string, identity: string): Promise<string> {
  const at = new AccessToken(cluster.keys.apiKey, cluster.keys.apiSecret, { identity, ttl: '5m' });
  at.addGrant({ room, roomJoin: true, canSubscribe: true, canPublish: true });
  return at.toJwt();
}

describe.skipIf(!redisUp)('LiveKit nodes sharing Redis', () => {
  let cluster: LivekitCluster;
  const bots: Bot[] = [];

  beforeAll(async () => {
    // A database of our own (1-15) keeps this cluster apart from any other on the same Redis.
    cluster = await startLivekitCluster({
      nodes: 2,
      redisAddress: REDIS,
      redisDb: 1 + Math.floor(Math.random() * 15),
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.leave()));
    await cluster?.stop();
  });

  it('lets participants on different nodes meet in one room', async () => {
    const room = `cluster-${Date.now()}`;
    const [first, second] = cluster.urls as [string, string];
    bots.push(await joinBot(first, await token(cluster, room, 'alice')));
    bots.push(await joinBot(second, await token(cluster, room, 'bob')));
    const [alice, bob] = bots as [Bot, Bot];

    await expect.poll(() => [...alice.room.remoteParticipants.keys()], { timeout: 10_000 }).toContain('bob');
    await expect.poll(() => [...bob.room.remoteParticipants.keys()], { timeout: 10_000 }).toContain('alice');

    // Either node's API sees the same room and both people in it.
    for (const apiUrl of cluster.apiUrls) {
      const api = new RoomServiceClient(apiUrl, cluster.keys.apiKey, cluster.keys.apiSecret);
      const people = (await api.listParticipants(room)).map((p) => p.identity).sort();
      expect(people).toEqual(['alice', 'bob']);
    }
  }, 60_000);
});
