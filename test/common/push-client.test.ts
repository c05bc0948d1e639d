// The shared push client (common/push-client.ts) against a real app server, reached through a
// link the test cuts: after the drop it resumes from the last id it handed on, and hands on what
// was sent meanwhile once each and in one synchronous run, so a UI renders only the outcome (a
// ring that rang and stopped while it was away never shows). Its sockets are `ws` ones that, as a
// browser's, deliver each message in its own task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Session } from '../../common/api.js';
import { PushClient, type SocketLike } from '../../common/push-client.js';
import type { PushDelivery } from '../../common/push.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { openCuttableLink, type CuttableLink } from '../support/cuttable-link.js';

describe('PushClient across a dropped connection', () => {
  let core: CoreApp;
  let link: CuttableLink;
  let alice: Session;

  beforeAll(async () => {
    core = await startCoreApp('sqlite');
    link = await openCuttableLink(await core.app.listen({ host: '127.0.0.1', port: 0 }));
    await core.addUser('alice');
    alice = await core.login('alice');
  });
  afterAll(async () => {
    await link?.close();
    await core?.close();
  });

  const knock = (n: number) =>
    core.app.push.hub.publish(alice.user.id, {
      type: 'waiting.knock',
      roomId: 'room-1',
      requestId: `r${n}`,
      displayName: `Guest ${n}`,
    });

  it('hands on what was missed once each, in one run, and resumes from its last id', async () => {
    const received: PushDelivery[] = [];
    // Deliveries grouped by the synchronous run that handed them on.
    const runs: number[][] = [];
    let inRun = false;
    const statuses: boolean[] = [];
    const client = new PushClient({
      serverUrl: link.url,
      token: async () => alice.accessToken,
      refreshedToken: async () => alice.accessToken,
      createSocket: (url) => new WebSocket(url, { allowSynchronousEvents: false }) as unknown as SocketLike,
      onEvent: (delivery) => {
        received.push(delivery);
        if (!inRun) {
          runs.push([]);
          inRun = true;
          queueMicrotask(() => (inRun = false));
        }
        runs.at(-1)?.push(delivery.id);
      },
      onStatus: (connected) => statuses.push(connected),
      minDelayMs: 50,
    });
    const until = async (done: () => boolean) => {
      await expect.poll(done, { timeout: 5000, interval: 20 }).toBe(true);
    };
    client.start();
    await until(() => statuses.at(-1) === true);
    await knock(1);
    await until(() => received.length === 1);
    const seen = client.position;

    link.cut();
    await until(() => statuses.at(-1) === false);
    for (let n = 2; n <= 6; n++) await knock(n);
    link.restore();
    await until(() => received.length === 6);
    await knock(7);
    await until(() => received.length === 7);
    client.stop();

    const ids = received.map((d) => d.id);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => (seen ?? 0) - 1 + i));
    expect(received.map((d) => (d.event.type === 'waiting.knock' ? d.event.requestId : ''))).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
      'r6',
      'r7',
    ]);
    // The live event, the catch-up of five together, then live again.
    expect(runs.map((r) => r.length)).toEqual([1, 5, 1]);
  });
});
