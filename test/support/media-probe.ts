// ffprobe/ffmpeg (Debian's, installed by .ci/run) as the independent judge of recording files:
// which streams a file has, how long it is, and whether a frame decodes after seeking.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Probe {
  durationSeconds: number;
  streams: Array<{ codec_type: string; codec_name: string }>;
}

export async function probe(path: string): Promise<Probe> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_format',
    '-show_streams',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(stdout) as { format: { duration: string }; streams: Probe['streams'] };
  return { durationSeconds: Number(json.format.duration), streams: json.streams };
}

/** Seeks to `seconds` and decodes one video frame; throws with ffmpeg's error when it cannot. */
export async function decodeFrameAt(path: string, seconds: number): Promise<void> {
  const { stderr } = await run('ffmpeg', [
    '-v',
    'error',
    '-xerror',
    '-ss',
    String(seconds),
    '-i',
    path,
    '-frames:v',
    '1',
    '-f',
    'null',
    '-',
  ]);
  if (stderr.trim()) throw new Error(`ffmpeg decoding at ${seconds}s: ${stderr.trim()}`);
}

/** A fragmented MP4 (~1 s fragments, H.264 + AAC) made by ffmpeg from its test sources. */
export async function makeFragmentedMp4(path: string, seconds: number): Promise<void> {
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=320x180:rate=30:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '30',
    '-c:a',
    'aac',
    '-movflags',
    'frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration',
    '1000000',
    path,
  ]);
}

/** Where each packet of a file lies and when it plays: for telling which bytes held which media. */
export async function packetTimes(
  path: string,
): Promise<Array<{ pos: number; end: number; seconds: number }>> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'packet=pts_time,duration_time,pos,size',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(stdout) as {
    packets: Array<{ pts_time?: string; duration_time?: string; pos?: string; size?: string }>;
  };
  return json.packets
    .filter((p) => p.pos !== undefined && p.pts_time !== undefined)
    .map((p) => ({
      pos: Number(p.pos),
      end: Number(p.pos) + Number(p.size ?? 0),
      seconds: Number(p.pts_time) + Number(p.duration_time ?? 0),
    }));
}
