// Writes the Group Policy templates, the example .mobileconfig and the IT guide's key table from
// electron/services/policy-schema.ts. Run `npm run policy:templates` after changing the schema;
// the outputs are committed and test/scripts/policy-templates.test.ts checks they match.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { adml, admx } from './policy-templates/admx.js';
import { withGeneratedSections } from './policy-templates/key-table.js';
import { mobileconfig } from './policy-templates/mobileconfig.js';

export const TEMPLATE_FILES = {
  'resources/policy/windows/convene.admx': admx,
  'resources/policy/windows/en-US/convene.adml': adml,
  'resources/policy/macos/com.convene.desktop.mobileconfig': mobileconfig,
} as const;
export const GUIDE = 'docs/IT-DEPLOYMENT.md';
export const REPO_ROOT = resolve(import.meta.dirname, '..');

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [path, make] of Object.entries(TEMPLATE_FILES)) {
    await mkdir(dirname(join(REPO_ROOT, path)), { recursive: true });
    await writeFile(join(REPO_ROOT, path), make());
    console.log(`wrote ${path}`);
  }
  const guide = join(REPO_ROOT, GUIDE);
  await writeFile(guide, await withGeneratedSections(await readFile(guide, 'utf8')));
  console.log(`updated the generated sections of ${GUIDE}`);
}
