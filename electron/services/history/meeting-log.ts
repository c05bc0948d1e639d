// The local meeting log: every meeting this app took part in (room, when, who joined and left,
// the chat), kept by main in the app's data folder so the history view works offline. One JSON
// file, rewritten atomically; the newest MAX_MEETINGS are kept. A file that cannot be read is
// backed up and the log starts empty.
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { LocalMeeting } from '../../contract.js';
import { writeFileAtomic } from '../atomic-file.js';
import type { Logger } from '../logger.js';

const MAX_MEETINGS = 5_000;
const LogFile = z.object({ version: z.literal(1), meetings: z.array(LocalMeeting) });

export class MeetingLog {
  #meetings: LocalMeeting[] = [];
  #writes: Promise<unknown> = Promise.resolve();
  warning: string | undefined;

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const parsed = LogFile.safeParse(safeJson(text));
    if (parsed.success) {
      this.#meetings = parsed.data.meetings;
      return;
    }
    const backup = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, backup);
    this.warning = `The local meeting history could not be read; it was kept as ${backup}.`;
    this.log.warn('meeting log rejected and backed up', { backup });
  }

  /** Newest first. */
  all(): LocalMeeting[] {
    return [...this.#meetings].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Adds or replaces (same id) one meeting, and waits until it is on disk. */
  save(meeting: LocalMeeting): Promise<void> {
    this.#meetings = [meeting, ...this.#meetings.filter((m) => m.id !== meeting.id)]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, MAX_MEETINGS);
    const run = this.#writes.then(() =>
      writeFileAtomic(this.path, `${JSON.stringify({ version: 1, meetings: this.#meetings })}\n`),
    );
    this.#writes = run.catch(() => undefined);
    return run;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
