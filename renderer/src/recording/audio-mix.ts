// One audio track mixing every remote participant's audio and the local microphone, for the
// recording. Tracks come and go during a meeting; sync() connects new ones and drops the gone.
export class AudioMix {
  readonly #ctx = new AudioContext({ sampleRate: 48_000 });
  readonly #out = this.#ctx.createMediaStreamDestination();
  readonly #sources = new Map<string, MediaStreamAudioSourceNode>();

  get track(): MediaStreamTrack {
    const track = this.#out.stream.getAudioTracks()[0];
    if (!track) throw new Error('The audio mix has no output track.');
    return track;
  }

  async resume(): Promise<void> {
    if (this.#ctx.state !== 'running') await this.#ctx.resume();
  }

  sync(tracks: MediaStreamTrack[]): void {
    const wanted = new Set(tracks.filter((t) => t.readyState === 'live').map((t) => t.id));
    for (const [id, node] of this.#sources) {
      if (wanted.has(id)) continue;
      node.disconnect();
      this.#sources.delete(id);
    }
    for (const track of tracks) {
      if (this.#sources.has(track.id) || track.readyState !== 'live') continue;
      const node = this.#ctx.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.#out);
      this.#sources.set(track.id, node);
    }
  }

  async close(): Promise<void> {
    for (const node of this.#sources.values()) node.disconnect();
    this.#sources.clear();
    await this.#ctx.close();
  }
}
