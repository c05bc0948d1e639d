// This machine's staged-rollout id: the same `.updaterId` file electron-updater keeps in the user
// data folder, so our rollout decision and electron-updater's request header name one machine.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { Logger } from './logger.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function stagingId(userDataDir: string, log: Logger): Promise<string> {
  const file = join(userDataDir, '.updaterId');
  try {
    const id = (await readFile(file, 'utf8')).trim();
    if (UUID.test(id)) return id;
    log.warn('staging id file is invalid; a new one is made', { file });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('staging id file unreadable', err);
  }
  const id = randomUUID();
  await writeFileAtomic(file, id);
  return id;
}
