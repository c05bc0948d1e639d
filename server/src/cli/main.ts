// `npm run admin -- ...`: user administration against the app server's database, found through
// the same environment as the server (CONVENE_DATA_DIR, DATABASE_URL).
import { z } from 'zod';
import { openDatabase } from '../db/database.js';
import { runCommand } from './commands.js';
import { terminalIo } from './io.js';

const Env = z.object({
  CONVENE_DATA_DIR: z.string().min(1).default('./.convene/data'),
  DATABASE_URL: z.string().url().optional(),
});

const env = Env.safeParse(process.env);
if (!env.success) {
  console.error(`Invalid environment: ${env.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  process.exit(2);
}
const database = await openDatabase({
  dataDir: env.data.CONVENE_DATA_DIR,
  ...(env.data.DATABASE_URL ? { databaseUrl: env.data.DATABASE_URL } : {}),
});
try {
  process.exitCode = await runCommand(process.argv.slice(2), database.db, terminalIo);
} finally {
  await database.close();
}
