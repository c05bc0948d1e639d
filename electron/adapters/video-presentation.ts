// Remote video is shown as it is decoded. Chromium's WebRTC "smoothness" renderer paces frames by
// a cadence of display refreshes, and with a camera at exactly 15 fps (a quarter of 60 Hz, and
// where many webcams settle in dim light) it drops up to 4 frames a second on some tiles, though
// every frame arrived and was decoded. Measured by bench/room-scale with this switch
// (BENCH_BROWSER_FLAGS): every tile of a 49-person grid at 14.8–14.9 fps, against 10.8–12.8 fps
// on the worst tiles without it. A browser tab cannot set it; the desktop app can.
import { app } from 'electron';

/** Call before app is ready. */
export function presentRemoteVideoAsDecoded(): void {
  app.commandLine.appendSwitch('disable-rtc-smoothness-algorithm');
}
