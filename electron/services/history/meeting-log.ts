// The local meeting log: every meeting this app took part in (room, when, who joined and left,
// the chat), kept by main in the app's data folder so the history view works offline. One JSON
// document; the newest MAX_MEETINGS are kept. A file that cannot be read is set aside and the
// log starts empty.
import { z } from 'zod';
import { LocalMeeting } from '../../contract.js';
import { JsonDocument } from '../json-document.js';
import type { Logger } from '../logger.js';

const MAX_MEETINGS = 5_000;
const LogFile = z.object({ version: z.literal(1), meetings: z.array(LocalMeeting) });

export class MeetingLog {
  #meetings: LocalMeeting[] = [];
  readonly #file: JsonDocument<typeof LogFile>;
  warning: string | undefined;

  constructor(
    path: string,
    private readonly log: Logger,
  ) {
    this.#file = new JsonDocument(path, LogFile);
  }

  async load(): Promise<void> {
    const file = await this.#file.load();
    if (file.status === 'ok') this.#meetings = file.value.meetings;
    if (file.status !== 'set-aside') return;
    this.warning = `The local meeting history could not be read; it was kept as ${file.backup}.`;
    this.log.warn('meeting log rejected and backed up', { reason: file.reason, backup: file.backup });
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
    return this.#file.save(() => ({ version: 1 as const, meetings: this.#meetings }));
  }
}
