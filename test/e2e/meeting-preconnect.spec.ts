// The lobby's pre-connect (renderer/src/room/pre-connect.svelte.ts): while Bob looks at his
// preview, the grant is fetched and the meeting's Room is built with its peer connection and
// first offer, yet nothing reaches the meeting: LiveKit does not list him, no signal socket is
// open and no local description is set (so no ICE). The click then sends that very offer: no
// second peer connection and no second createOffer, and the socket opens before the lobby is
// taken down and the meeting view mounts; until the connection is up, no further offer is sent
// unless LiveKit asks for more media sections. Real app server, LiveKit and Chromium.
import type { Page } from '@playwright/test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import { createRoom, framesIn, joinFromLobby, openRoomLobby, signIn, tileOf } from './meeting-helpers.js';

/** Counts, in the page, what WebRTC and the signal socket have done (put in before the app loads). */
const COUNT_TRANSPORT = `(() => {
  const counts = { peerConnections: 0, offers: 0, localDescriptions: 0, signalSockets: 0 };
  // Offers sent on the signal socket (the first goes with the join request itself), and those
  // of them that no request of LiveKit's for more media sections came before since the last.
  const reoffers = { sent: 0, unasked: 0, requestsSinceLast: 0 };
  window.__transport = counts;
  const OriginalPc = window.RTCPeerConnection;
  function CountedPc(...args) {
    counts.peerConnections += 1;
    const pc = new OriginalPc(...args);
    // Offers sent by the time the connection is up (the own camera and microphone publish only
    // after that): only those LiveKit asked for, none of its own right after LiveKit's answer.
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') window.__atConnected ??= { ...reoffers };
    });
    return pc;
  }
  CountedPc.prototype = OriginalPc.prototype;
  Object.setPrototypeOf(CountedPc, OriginalPc);
  window.RTCPeerConnection = CountedPc;
  const createOffer = OriginalPc.prototype.createOffer;
  OriginalPc.prototype.createOffer = function (...args) { counts.offers += 1; return createOffer.apply(this, args); };
  const setLocal = OriginalPc.prototype.setLocalDescription;
  OriginalPc.prototype.setLocalDescription = function (...args) { counts.localDescriptions += 1; return setLocal.apply(this, args); };
  const OriginalSocket = window.WebSocket;
  function CountedSocket(url, protocols) {
    if (/\\/rtc/.test(String(url))) {
      counts.signalSockets += 1;
      // What had been made when the join request went out (later offers publish tracks), and
      // what showed: the lobby with its preview, not yet the meeting view.
      window.__atSignal ??= {
        peerConnections: counts.peerConnections,
        offers: counts.offers,
        lobbyPreview: !!document.querySelector('main.lobby video'),
        meetingView: !!document.querySelector('.room'),
      };
    }
    const socket = new OriginalSocket(url, protocols);
    // livekit-client reads the socket through onmessage: its handler gets each message from here,
    // in order, and from LiveKit's answer (SignalResponse field 2, tag byte 0x12) on 100 ms late,
    // as from a server slower to answer than to send the join response. The client then waits
    // for its connection while its first offer is still out, every time.
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      // SignalRequest field 1, offer: tag byte 0x0A.
      if (bytes && bytes[0] === 0x0a) {
        reoffers.sent += 1;
        if (reoffers.requestsSinceLast === 0) reoffers.unasked += 1;
        reoffers.requestsSinceLast = 0;
      }
      return send(data);
    };
    let handler = null;
    let delivery = Promise.resolve();
    let answered = false;
    Object.defineProperty(socket, 'onmessage', { get: () => handler, set: (h) => { handler = h; } });
    socket.addEventListener('message', (e) => {
      const bytes = e.data instanceof ArrayBuffer ? new Uint8Array(e.data) : null;
      // SignalResponse field 25, media_sections_requirement: its tag is the varint 0xCA 0x01.
      if (bytes && bytes[0] === 0xca && bytes[1] === 0x01) reoffers.requestsSinceLast += 1;
      if (bytes && bytes[0] === 0x12 && !answered) {
        answered = true;
        delivery = delivery.then(() => new Promise((resolve) => setTimeout(resolve, 100)));
      }
      delivery = delivery.then(() => handler?.call(socket, e));
    });
    return socket;
  }
  CountedSocket.prototype = OriginalSocket.prototype;
  Object.setPrototypeOf(CountedSocket, OriginalSocket);
  window.WebSocket = CountedSocket;
})();`;

interface TransportCounts {
  peerConnections: number;
  offers: number;
  localDescriptions: number;
  signalSockets: number;
}
const counts = (page: Page): Promise<TransportCounts> =>
  page.evaluate(() => (window as unknown as { __transport: TransportCounts }).__transport);

test('the lobby prepares the connection without joining, and the click uses what it prepared', async ({
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  const livekit = new RoomServiceClient(stack.livekitApiUrl, stack.keys.apiKey, stack.keys.apiSecret);
  const namesInMeeting = async (): Promise<string[]> => {
    for (const room of await livekit.listRooms()) {
      const people = await livekit.listParticipants(room.name);
      if (people.some((p) => p.name === 'Alice Archer')) return people.map((p) => p.name).sort();
    }
    return [];
  };

  const alice = await newPage(browser);
  await signIn(alice, stack.appUrl, 'alice');
  await createRoom(alice, 'Pre-connect check');
  // By the room's code, as a colleague opens it (an invite link is a guest's way in: the guest's
  // grant needs the name typed in the lobby, so there is nothing to prepare).
  const code =
    (await alice.getByRole('listitem', { name: 'Pre-connect check' }).locator('.code').textContent()) ?? '';
  await openRoomLobby(alice, 'Pre-connect check');
  await joinFromLobby(alice);
  await expect.poll(namesInMeeting).toEqual(['Alice Archer']);

  const bob = await newPage(browser);
  await bob.context().addInitScript(COUNT_TRANSPORT);
  await signIn(bob, stack.appUrl, 'bob');
  await bob.getByLabel('Invite link or room code').fill(code);
  await bob.getByRole('button', { name: 'Continue' }).click();
  await expect(bob.locator('form[data-preconnected="true"]')).toBeVisible({ timeout: 15_000 });

  // Prepared, not joined: one peer connection with its offer, nothing sent, nobody told.
  const ahead = await counts(bob);
  expect(ahead).toEqual({ peerConnections: 1, offers: 1, localDescriptions: 0, signalSockets: 0 });
  await bob.waitForTimeout(1_000); // and it stays so while he looks at his preview
  expect(await counts(bob)).toEqual(ahead);
  expect(await namesInMeeting()).toEqual(['Alice Archer']);
  await expect(alice.getByText('1 in the meeting')).toBeVisible();

  // The click connects with the prepared peer connection and offer. Each frame painted until
  // the meeting shows has either the lobby with its preview or the meeting: the preview is not
  // taken down ahead of the meeting view (a frame of "Camera is off").
  await bob.evaluate(() => {
    const w = window as unknown as { __bareLobbyFrames: number };
    w.__bareLobbyFrames = 0;
    const look = () => {
      if (document.querySelector('.room')) return;
      if (document.querySelector('main.lobby') && !document.querySelector('main.lobby video'))
        w.__bareLobbyFrames += 1;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await joinFromLobby(bob);
  expect(
    await bob.evaluate(() => (window as unknown as { __bareLobbyFrames: number }).__bareLobbyFrames),
  ).toBe(0);
  await expect(tileOf(bob, 'Alice Archer').locator('video')).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(async () => (await framesIn(tileOf(bob, 'Alice Archer').locator('video'))).frames, {
      timeout: 20_000,
    })
    .toBeGreaterThan(3);
  const atSignal = await bob.evaluate(() => (window as unknown as { __atSignal: unknown }).__atSignal);
  // The socket opened before the lobby was taken down and the meeting view mounted (that work
  // waits a task: renderer/src/lib/join-path.ts).
  expect(atSignal).toEqual({ peerConnections: 1, offers: 1, lobbyPreview: true, meetingView: false });
  const atConnected = await bob.evaluate(
    () => (window as unknown as { __atConnected: { sent: number; unasked: number } }).__atConnected,
  );
  expect(atConnected.unasked, `offers nobody asked for, of ${atConnected.sent} sent before connected`).toBe(
    0,
  );
  const after = await counts(bob);
  expect(after.peerConnections).toBe(1);
  expect(after.signalSockets).toBe(1);
  expect(after.localDescriptions).toBeGreaterThan(0);
  await expect.poll(namesInMeeting).toEqual(['Alice Archer', 'Bob Baker']);
  expectNoPageErrors(alice, bob);
});
