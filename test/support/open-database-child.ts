// Opens (creates and migrates) the app server's SQLite database in the data folder given as the
// first argument, writes a row so the WAL is used, and exits. Run under strace by
// test/server/private-files.test.ts to see the modes every file and folder is created with.
import { openDatabase } from '../../server/src/db/database.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: open-database-child.ts <data dir>');
const database = await openDatabase({ dataDir });
await database.db.insertInto('schema_meta').values({ key: 'probe', value: 'x' }).execute();
await database.close();
