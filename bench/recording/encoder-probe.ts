// Put into the recording page before the app loads: counts the frames handed to WebCodecs'
// VideoEncoder when the page itself records (page-recorder.ts; with MediaStreamTrackProcessor
// the recording worker encodes, out of its reach) and samples
// the encoder's queue at each one, so the benchmark sees whether the encoder keeps up.
// Plain JavaScript in a string, as support/page-probe.ts explains.
export const ENCODER_PROBE = String.raw`
(() => {
  const stats = { frames: 0, queueSum: 0, queueMax: 0, encoders: 0 };
  window.__encoder = stats;
  const Original = window.VideoEncoder;
  if (!Original) return;
  const encode = Original.prototype.encode;
  Original.prototype.encode = function (frame, options) {
    stats.frames += 1;
    stats.queueSum += this.encodeQueueSize;
    stats.queueMax = Math.max(stats.queueMax, this.encodeQueueSize);
    return encode.call(this, frame, options);
  };
  const configure = Original.prototype.configure;
  Original.prototype.configure = function (config) {
    stats.encoders += 1;
    return configure.call(this, config);
  };
})();
`;

export interface EncoderStats {
  frames: number;
  queueSum: number;
  queueMax: number;
  encoders: number;
}
