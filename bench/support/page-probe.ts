// What the benchmarks and the big-room test put into the page before the app loads: a record of the RTCPeerConnections
// (weakly held, so the leak check is not fooled by its own probe), long tasks, and helpers that
// count presented frames per tile (requestVideoFrameCallback) and bytes received (getStats).
// Plain JavaScript in a string: tsx would name functions with a helper the page does not have.
import type { Page } from '@playwright/test';

export const PAGE_PROBE = String.raw`
(() => {
  const pcs = [];
  const Original = window.RTCPeerConnection;
  function Recorded(...args) {
    const pc = new Original(...args);
    pcs.push(new WeakRef(pc));
    return pc;
  }
  Recorded.prototype = Original.prototype;
  Object.setPrototypeOf(Recorded, Original);
  window.RTCPeerConnection = Recorded;
  // Offers, answers and remote descriptions so far: renegotiation is main-thread work that
  // grows with the m-lines of the session, so a window that sees any is not a settled room.
  const negotiations = { offers: 0, answers: 0, remoteDescriptions: 0 };
  for (const [method, key] of [
    ['createOffer', 'offers'],
    ['createAnswer', 'answers'],
    ['setRemoteDescription', 'remoteDescriptions'],
  ]) {
    const original = Original.prototype[method];
    Original.prototype[method] = function (...args) {
      negotiations[key] += 1;
      return original.apply(this, args);
    };
  }

  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });

  window.__bench = {
    longTasks,
    /** The counts above, with the transceivers and local m-lines of the open connections. */
    negotiation() {
      let transceivers = 0;
      let mLines = 0;
      for (const ref of pcs) {
        const pc = ref.deref();
        if (!pc || pc.connectionState === 'closed') continue;
        transceivers += pc.getTransceivers().length;
        mLines += ((pc.localDescription && pc.localDescription.sdp) || '').split('\nm=').length - 1;
      }
      return { ...negotiations, transceivers, mLines };
    },
    /** Inbound video so far, summed over streams: bytes, and frames received and decoded (the
     *  two tell a sender that falls behind from a receiver that does). */
    async received() {
      let bytes = 0;
      let tracks = 0;
      let framesReceived = 0;
      let framesDecoded = 0;
      for (const ref of pcs) {
        const pc = ref.deref();
        if (!pc || pc.connectionState === 'closed') continue;
        const stats = await pc.getStats();
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            bytes += s.bytesReceived;
            framesReceived += s.framesReceived || 0;
            framesDecoded += s.framesDecoded || 0;
            tracks += 1;
          }
        });
      }
      return { bytes, tracks, framesReceived, framesDecoded, at: performance.now() };
    },
    /** How many inbound video streams received bytes during the next ms milliseconds. */
    async activeVideoIn(ms) {
      const sample = async () => {
        const bytes = new Map();
        for (const ref of pcs) {
          const pc = ref.deref();
          if (!pc || pc.connectionState === 'closed') continue;
          (await pc.getStats()).forEach((s) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video') bytes.set(s.id, s.bytesReceived);
          });
        }
        return bytes;
      };
      const before = await sample();
      await new Promise((resolve) => setTimeout(resolve, ms));
      const after = await sample();
      let active = 0;
      after.forEach((value, id) => {
        if (value > (before.get(id) ?? 0)) active += 1;
      });
      return active;
    },
    /** Frames presented per second by each remote tile's video over ms milliseconds. */
    async tileFps(ms) {
      return (await this.tilePresentation(ms)).fps;
    },
    /** Per remote tile over ms milliseconds, per second: frames presented
     *  (requestVideoFrameCallback) and frames the player dropped instead of presenting
     *  (getVideoPlaybackQuality), which tells a frame lost at presentation from one never decoded. */
    async tilePresentation(ms) {
      const tiles = [...document.querySelectorAll('figure.tile')].filter(
        (t) => !(t.getAttribute('aria-label') || '').includes('(you)'),
      );
      const counts = tiles.map(() => ({ first: -1, last: -1 }));
      const videos = tiles.map((tile) => tile.querySelector('video'));
      const droppedSoFar = () => videos.map((v) => (v ? v.getVideoPlaybackQuality().droppedVideoFrames : 0));
      const dropped0 = droppedSoFar();
      let running = true;
      videos.forEach((video, i) => {
        if (!video) return;
        const onFrame = (_now, meta) => {
          if (counts[i].first < 0) counts[i].first = meta.presentedFrames;
          counts[i].last = meta.presentedFrames;
          if (running) video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
      });
      await new Promise((resolve) => setTimeout(resolve, ms));
      running = false;
      const dropped1 = droppedSoFar();
      return {
        fps: counts.map((c) => (c.first < 0 ? 0 : ((c.last - c.first) * 1000) / ms)),
        dropped: dropped1.map((d, i) => ((d - dropped0[i]) * 1000) / ms),
      };
    },
    /** Every inbound video stream: the track it feeds, the size of its last decoded frame, and
     *  bytes and frames received so far (getStats' timestamp is in ms). */
    async videoIn() {
      const streams = [];
      for (const ref of pcs) {
        const pc = ref.deref();
        if (!pc || pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach((s) => {
          if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
          streams.push({
            trackId: s.trackIdentifier,
            width: s.frameWidth || 0,
            height: s.frameHeight || 0,
            bytes: s.bytesReceived,
            frames: s.framesDecoded || 0,
            at: s.timestamp,
          });
        });
      }
      return streams;
    },
    /** Each remote tile: who, where it sits (grid, stage, filmstrip), the CSS size its video is
     *  drawn at (what adaptive stream asks for) and the id of the track that video shows. */
    remoteTiles() {
      return [...document.querySelectorAll('figure.tile')]
        .filter((t) => !(t.getAttribute('aria-label') || '').includes('(you)'))
        .map((tile) => {
          const video = tile.querySelector('video');
          const box = (video || tile).getBoundingClientRect();
          const track = video && video.srcObject ? video.srcObject.getVideoTracks()[0] : undefined;
          const place = tile.closest('.strip') ? 'filmstrip' : tile.closest('.tiles') ? 'grid' : 'stage';
          return {
            identity: tile.getAttribute('data-identity'),
            place,
            width: Math.round(box.width),
            height: Math.round(box.height),
            trackId: track ? track.id : null,
          };
        });
    },
    domNodes() {
      return document.getElementsByTagName('*').length;
    },
  };
})();
`;

/** Calls `window.__bench.<call>` in the page (as a string: see above). */
export function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`window.__bench.${call}`) as Promise<T>;
}
