// A TCP link to a server that a test can cut, like a client's Wi-Fi dropping: cut() resets every
// connection through it (the browser sees its sockets fail, the server sees them close), and
// until restore() new connections are held, as a link that drops packets holds a connection
// attempt in its SYN retries; restore() lets the held ones through at once. A browser reaching
// the server through the link keeps its own real sockets; only this client's path is cut.
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CuttableLink {
  /** http://127.0.0.1:port of the link; open the server's pages here. */
  url: string;
  /** Resets every connection through the link and holds new ones. */
  cut(): void;
  /** Lets held and new connections through again. */
  restore(): void;
  close(): Promise<void>;
}

export async function openCuttableLink(serverUrl: string): Promise<CuttableLink> {
  const target = new URL(serverUrl);
  const live = new Set<Socket>();
  const held: Socket[] = [];
  let down = false;

  const forward = (client: Socket): void => {
    const upstream = connect(Number(target.port), target.hostname);
    live.add(client);
    live.add(upstream);
    const drop = (): void => {
      live.delete(client);
      live.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };
  const server = createServer({ pauseOnConnect: true }, (client) => {
    if (!down) return forward(client);
    held.push(client);
    client.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      // A reset, not a polite close: the connection is gone, as when the network goes.
      for (const socket of [...live]) socket.resetAndDestroy();
      live.clear();
    },
    restore() {
      down = false;
      for (const client of held.splice(0)) if (!client.destroyed) forward(client);
    },
    async close() {
      for (const socket of [...live, ...held]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
