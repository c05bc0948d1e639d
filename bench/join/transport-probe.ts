// Put into the joiner's page before the app loads: marks the first time after the Join click that
// the signal WebSocket and the RTCPeerConnection reach each stage, so the join benchmark can say
// where the time between "signal connected" and "first frame" goes (offer, answer, ICE, DTLS).
// The app's own code is untouched; these are User Timing marks named `probe:*`, cleared by the
// benchmark before each click. Plain JavaScript in a string: tsx would name functions with a
// helper the page does not have.
export const TRANSPORT_STEPS = [
  'pc-created',
  'pc-offer',
  'ws-created',
  'ws-open',
  'ws-first-message',
  'ws-answer',
  'pc-set-local',
  'pc-set-remote',
  'pc-first-candidate',
  'ice-checking',
  'ice-connected',
  'pc-connected',
  'pc-track',
  'video-unmuted',
  'video-frame-received',
  'video-frame-decoded',
] as const;

export const TRANSPORT_PROBE = String.raw`
(() => {
  const mark = (step) => {
    if (performance.getEntriesByName('probe:' + step).length === 0) performance.mark('probe:' + step);
  };
  window.__probeSubscriptions = [];
  const OriginalSocket = window.WebSocket;
  function Socket(url, protocols) {
    const socket = new OriginalSocket(url, protocols);
    if (/\/rtc/.test(String(url))) {
      mark('ws-created');
      // Signal requests carrying a subscription change (SignalRequest field 6, tag byte 0x32),
      // kept whole in base64 for the benchmark to decode: a join that drops a track it then
      // takes again shows here.
      const send = socket.send.bind(socket);
      socket.send = (data) => {
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
        if (bytes && bytes[0] === 0x32) window.__probeSubscriptions.push(btoa(String.fromCharCode(...bytes)));
        return send(data);
      };
      socket.addEventListener('open', () => mark('ws-open'));
      socket.addEventListener('message', (e) => {
        mark('ws-first-message');
        // SignalResponse field 2 (tag byte 0x12): the server's answer to the offer sent with the
        // join request.
        if (e.data instanceof ArrayBuffer && new Uint8Array(e.data)[0] === 0x12) mark('ws-answer');
      });
    }
    return socket;
  }
  Socket.prototype = OriginalSocket.prototype;
  Object.setPrototypeOf(Socket, OriginalSocket);
  window.WebSocket = Socket;

  // Which candidate pair ICE chose, and how many it had tried by then: a pair that is never
  // answered costs one pacing interval (about 50 ms in Chromium) before the next is tried.
  window.__probePairs = [];
  const recordPair = async (pc) => {
    const stats = await pc.getStats();
    let selected = null;
    let tried = 0;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) selected = stats.get(s.selectedCandidatePairId);
      if (s.type === 'candidate-pair' && s.requestsSent > 0) tried += 1;
    });
    if (!selected) return;
    const describe = (id) => {
      const c = stats.get(id);
      return c ? c.candidateType + ' ' + c.address : '?';
    };
    window.__probePairs.push({
      pair: describe(selected.localCandidateId) + ' -> ' + describe(selected.remoteCandidateId),
      tried,
    });
  };
  // From the first packet on, when the first whole frame was received and then decoded
  // (getStats every 4 ms, for at most 2 s): splits the key frame's transfer from its decoding.
  // The decoded frame's size says which layer LiveKit forwarded first.
  window.__probeFrameSizes = [];
  const watchFirstFrame = async (pc, trackId) => {
    const started = performance.now();
    while (performance.now() - started < 2000) {
      let inbound = null;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && s.trackIdentifier === trackId) inbound = s;
      });
      if (inbound && inbound.framesReceived > 0) mark('video-frame-received');
      if (inbound && inbound.framesDecoded > 0) {
        window.__probeFrameSizes.push(inbound.frameWidth + '×' + inbound.frameHeight);
        return mark('video-frame-decoded');
      }
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
  };
  const Original = window.RTCPeerConnection;
  function Recorded(...args) {
    const pc = new Original(...args);
    mark('pc-created');
    pc.addEventListener('icecandidate', (e) => e.candidate && mark('pc-first-candidate'));
    pc.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'checking') mark('ice-checking');
      if (pc.iceConnectionState === 'connected') mark('ice-connected');
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') mark('pc-connected');
    });
    pc.addEventListener('track', (e) => {
      mark('pc-track');
      // A remote track unmutes on its first RTP packet; the SFU forwards video from a key frame
      // on, so for video this is when the key frame began to arrive.
      if (e.track.kind === 'video')
        e.track.addEventListener('unmute', () => {
          mark('video-unmuted');
          void watchFirstFrame(pc, e.track.id);
        });
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') void recordPair(pc);
    });
    return pc;
  }
  Recorded.prototype = Original.prototype;
  Object.setPrototypeOf(Recorded, Original);
  window.RTCPeerConnection = Recorded;
  for (const [method, step] of [
    ['createOffer', 'pc-offer'],
    ['setLocalDescription', 'pc-set-local'],
    ['setRemoteDescription', 'pc-set-remote'],
  ]) {
    const original = Original.prototype[method];
    Original.prototype[method] = function (...args) {
      return original.apply(this, args).then((result) => {
        mark(step);
        return result;
      });
    };
  }
})();
`;
