// A test host address that is not loopback: libwebrtc-based clients (@livekit/rtc-node bots)
// ignore loopback ICE candidates, so LiveKit listens on and announces this address (the stack's
// nodeIp) and the bots gather their candidates on it. It lives on one end of a veth pair made for
// the run, in a random 10.x.y.0/24, and `remove()` deletes the pair. Needs root and iproute2.
//
// Why not a network namespace for the bots (DESIGN.md suggests one): with the bots inside a fresh
// namespace, signalling over the pair worked but ICE never completed (the bots' libwebrtc closed
// the sockets of the candidates it had announced); on an address of the host's own it connects
// at once. The pair keeps the address out of every real interface.
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ip = (...args: string[]) => run('ip', args);

export interface HostAddress {
  ip: string;
  remove(): Promise<void>;
}

/** Why no address can be made here, or null when it can. */
export async function hostAddressUnavailable(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'creating a veth pair needs root';
  try {
    await ip('link', 'show');
    return null;
  } catch (err) {
    return `iproute2 is missing or refused: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export async function createHostAddress(): Promise<HostAddress> {
  // Random names and subnet, so parallel runs on one machine never collide.
  const tag = `${process.pid.toString(36)}${randomInt(36 ** 3).toString(36)}`.slice(-8);
  const [outer, inner] = [`cvh${tag}`, `cvn${tag}`];
  const address = `10.${randomInt(200, 250)}.${randomInt(0, 255)}.1`;
  const remove = async (): Promise<void> => {
    // Deleting one end deletes the pair; a pair that was never made is not an error.
    await ip('link', 'del', outer).catch(() => undefined);
  };
  try {
    await ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', inner);
    await ip('addr', 'add', `${address}/24`, 'dev', outer);
    await ip('link', 'set', outer, 'up');
    await ip('link', 'set', inner, 'up');
  } catch (err) {
    await remove();
    throw err;
  }
  return { ip: address, remove };
}
