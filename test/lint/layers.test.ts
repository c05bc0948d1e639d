// Each layer rule of eslint.config.js fails on a small violating fixture, run through ESLint's
// Node API with the repository's own config. The fixtures are linted as the text of existing
// files (so the type-aware rules find their tsconfig); nothing is written to disk.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

describe('layer rules', { timeout: 180_000 }, () => {
  const cases: Array<[string, string, string, RegExp]> = [
    [
      'common imports electron/',
      'common/api/route.ts',
      "import { methods } from '../../electron/contract.js';\nexport const m = methods;\n",
      /common\/ imports nothing of ours/,
    ],
    [
      'common imports server/',
      'common/api/route.ts',
      "import { build } from '../../server/src/app.js';\nexport const b = build;\n",
      /common\/ imports nothing of ours/,
    ],
    [
      'common imports a Node built-in',
      'common/api/route.ts',
      "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
      /Node modules/,
    ],
    [
      'renderer imports the contract as a value',
      'renderer/src/main.ts',
      "import { methods } from '../../electron/contract.js';\nexport const m = methods;\n",
      /as types only/,
    ],
    [
      'renderer imports another electron/ file',
      'renderer/src/main.ts',
      "import type { Handlers } from '../../electron/services/handlers.js';\nexport type H = Handlers;\n",
      /only the typed contract/,
    ],
    [
      'renderer imports electron',
      'renderer/src/main.ts',
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
      /Platform/,
    ],
    [
      'renderer imports a Node built-in (bare)',
      'renderer/src/main.ts',
      "import { EventEmitter } from 'events';\nexport const e = EventEmitter;\n",
      /Node modules/,
    ],
    [
      'renderer imports a Node built-in (node:)',
      'renderer/src/main.ts',
      "import { inspect } from 'node:util';\nexport const i = inspect;\n",
      /Node modules/,
    ],
    [
      'renderer imports server/',
      'renderer/src/main.ts',
      "import type { Config } from '../../server/src/config.js';\nexport type C = Config;\n",
      /common\/ and the contract only/,
    ],
    [
      'services import electron',
      'electron/services/handlers.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      /ports/,
    ],
    [
      'electron imports server/',
      'electron/ipc.ts',
      "import { build } from '../server/src/app.js';\nexport const b = build;\n",
      /over HTTP/,
    ],
    [
      'server imports electron/',
      'server/src/app.ts',
      "import { methods } from '../../electron/contract.js';\nexport const m = methods;\n",
      /common\/ only/,
    ],
    [
      'server imports renderer/',
      'server/src/app.ts',
      "import { choosePlatform } from '../../renderer/src/platform/index.js';\nexport const c = choosePlatform;\n",
      /common\/ only/,
    ],
  ];

  it.each(cases)('%s fails', async (_name, filePath, code, message) => {
    const found = await messages(filePath, code);
    expect(found.filter((m) => m.startsWith(RESTRICTED)).join('\n'), found.join('\n')).toMatch(message);
  });

  it('allows the renderer to import the contract as types', async () => {
    const code = "import type { Settings } from '../../electron/contract.js';\nexport type S = Settings;\n";
    expect((await messages('renderer/src/main.ts', code)).filter((m) => m.startsWith(RESTRICTED))).toEqual(
      [],
    );
  });

  it('reports a floating promise in the renderer (type-aware rules run there too)', async () => {
    const code = 'async function later(): Promise<void> {}\nlater();\nexport {};\n';
    expect(await messages('renderer/src/main.ts', code)).toContainEqual(
      expect.stringMatching(/^@typescript-eslint\/no-floating-promises/),
    );
  });
});
