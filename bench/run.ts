// `npm run bench [-- name...]`: runs every bench/**/*.bench.ts (or those whose path contains a
// given name) one after another, each in its own process, and lets each print its figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = import.meta.dirname;

function findBenches(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findBenches(path);
    return entry.name.endsWith('.bench.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const benches = findBenches(root)
  .filter((path) => filters.length === 0 || filters.some((f) => relative(root, path).includes(f)))
  .sort();
if (benches.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ') || '(any)'}.`);
  process.exit(1);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n### ${relative(root, bench)}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
