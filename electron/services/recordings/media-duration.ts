// The duration of a recording file, read with Mediabunny (the same library that wrote it in
// the renderer); it walks the fragment headers, not the media.
import { ALL_FORMATS, FilePathSource, Input } from 'mediabunny';

export async function mediaDurationSeconds(path: string): Promise<number> {
  const input = new Input({ source: new FilePathSource(path), formats: ALL_FORMATS });
  try {
    return await input.computeDuration();
  } finally {
    input.dispose();
  }
}
