// The meeting's chat saved as plain text beside its recording ("<recording>.chat.txt"), so the
// two travel together when the user moves or shares them.
import { writeFileAtomic } from '../atomic-file.js';
import type { ChatLine } from '../../contract.js';

export function chatTranscriptText(roomTitle: string, lines: ChatLine[]): string {
  const body = lines.map((line) => `[${line.at}] ${line.from}: ${line.text.replace(/\r?\n/g, '\n    ')}`);
  return `Chat of ${roomTitle}\n\n${body.join('\n')}\n`;
}

export async function writeChatTranscript(
  recordingPath: string,
  roomTitle: string,
  lines: ChatLine[],
): Promise<string> {
  const path = recordingPath.replace(/\.mp4$/, '') + '.chat.txt';
  await writeFileAtomic(path, chatTranscriptText(roomTitle, lines), 0o600);
  return path;
}
