// The data folder and the SQLite files hold the token-signing secret and the webhook secrets,
// so only the server's own user may read them: the folder 0700, files 0600, created that way
// (never created open and tightened afterwards) and tightened on start when an older version
// left them wider.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) as 0700, or narrows an existing one to 0700. */
export function ensurePrivateDir(dir: string): void {
  // mkdir applies the mode at creation (less the umask, which only removes bits).
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty `file` as 0600 unless it exists; narrows it to 0600 either way. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) {
    // O_CREAT with the mode: the file never exists with wider permissions. 'a' never truncates,
    // so a file created by someone else in between is left as it is (then narrowed below).
    closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  }
  chmodSync(file, PRIVATE_FILE_MODE);
}
