// The admin CLI's commands, separate from process wiring so tests can run them directly:
//   user add <username> --name <display name> [--password-stdin]
//   user list | user disable <username> | user set-password <username> | user sign-out <username>
//   admin grant <username>
import { randomBytes } from 'node:crypto';
import { UserStore, UserStoreError } from '../users/store.js';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';

export interface CliIo {
  /** Reads a password: from standard input when piped, else by a prompt that does not echo. */
  readPassword(prompt: string): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `Usage: npm run admin -- <command>
  user add <username> --name <display name> [--password-stdin]
  user list
  user disable <username>
  user set-password <username>        (reads the new password from standard input or a prompt)
  user sign-out <username>            (ends every session of the user)
  admin grant <username>`;

const MIN_PASSWORD = 8;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function newPassword(io: CliIo): Promise<string> {
  const password = (await io.readPassword('New password: ')).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD)
    throw new CliError(`A password needs at least ${MIN_PASSWORD} characters.`);
  return password;
}

export class CliError extends Error {}

/** Runs one command; returns the process exit code. */
export async function runCommand(argv: string[], db: Kysely<Tables>, io: CliIo): Promise<number> {
  const users = new UserStore(db);
  const [group, command, target] = argv;
  try {
    switch (`${group} ${command}`) {
      case 'user add': {
        const name = option(argv, '--name');
        if (!target || !name) throw new CliError('user add needs <username> and --name <display name>.');
        const generated = !argv.includes('--password-stdin');
        const password = generated ? randomBytes(12).toString('base64url') : await newPassword(io);
        const row = await users.create({ username: target, displayName: name, password });
        io.out(`Added ${row.username} (${row.display_name}).`);
        // Shown once, so the admin can hand it over; it is stored only as a hash.
        if (generated) io.out(`Password: ${password}`);
        return 0;
      }
      case 'user list': {
        for (const u of await users.list()) {
          const flags = [u.is_admin ? 'admin' : '', u.disabled ? 'disabled' : ''].filter(Boolean).join(',');
          io.out(`${u.username}\t${u.display_name}${flags ? `\t${flags}` : ''}`);
        }
        return 0;
      }
      case 'user disable':
        if (!target) throw new CliError('user disable needs <username>.');
        await users.setDisabled(target, true);
        io.out(`Disabled ${target} and ended their sessions.`);
        return 0;
      case 'user set-password':
        if (!target) throw new CliError('user set-password needs <username>.');
        if (!(await users.findByUsername(target))) throw new CliError(`There is no user ${target}.`);
        await users.setPassword(target, await newPassword(io));
        io.out(`Changed the password of ${target} and ended their sessions.`);
        return 0;
      case 'user sign-out':
        if (!target) throw new CliError('user sign-out needs <username>.');
        await users.signOutEverywhere(target);
        io.out(`Signed ${target} out everywhere.`);
        return 0;
      case 'admin grant':
        if (!target) throw new CliError('admin grant needs <username>.');
        await users.setAdmin(target, true);
        io.out(`${target} is now an administrator.`);
        return 0;
      default:
        io.err(USAGE);
        return 2;
    }
  } catch (err) {
    if (err instanceof CliError || err instanceof UserStoreError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}
