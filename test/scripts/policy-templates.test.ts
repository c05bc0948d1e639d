// The Group Policy templates, the example configuration profile and the IT guide's key table are
// generated from the one policy schema; this fails when a committed output drifts from it, when
// the XML is not well-formed (xmllint), or when a key is missing or has the wrong type.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'plist';
import { describe, expect, it } from 'vitest';
import { mergePolicies, resolveKeys, splitRecommended } from '../../electron/services/policy-resolve.js';
import { POLICY_KEY_NAMES, POLICY_KEYS, type PolicyKind } from '../../electron/services/policy-schema.js';
import { GUIDE, REPO_ROOT, TEMPLATE_FILES } from '../../scripts/policy-templates.js';
import { withGeneratedSections } from '../../scripts/policy-templates/key-table.js';

const ADMX = join(REPO_ROOT, 'resources/policy/windows/convene.admx');
const ADML = join(REPO_ROOT, 'resources/policy/windows/en-US/convene.adml');
const MOBILECONFIG = join(REPO_ROOT, 'resources/policy/macos/com.convene.desktop.mobileconfig');

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
// CI installs libxml2-utils (.ci/run); elsewhere say why the XML checks do not run.
if (!hasXmllint && !process.env.CI)
  console.warn('policy templates: xmllint checks skipped: xmllint is not installed');
const xpath = (file: string, expr: string) =>
  execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' }).trim();
const el = (name: string) => `*[local-name()='${name}']`;

const ELEMENT: Record<PolicyKind, string> = {
  boolean: el('enabledValue'),
  string: `${el('elements')}/${el('text')}`,
  integer: `${el('elements')}/${el('decimal')}`,
  enum: `${el('elements')}/${el('enum')}`,
  list: `${el('elements')}/${el('list')}`,
};

describe('policy templates', () => {
  it('match what the schema generates (run `npm run policy:templates` after changing it)', async () => {
    for (const [path, make] of Object.entries(TEMPLATE_FILES))
      expect(await readFile(join(REPO_ROOT, path), 'utf8'), path).toBe(make());
    const guide = await readFile(join(REPO_ROOT, GUIDE), 'utf8');
    expect(await withGeneratedSections(guide), GUIDE).toBe(guide);
    for (const name of POLICY_KEY_NAMES) expect(guide).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });

  it.skipIf(!hasXmllint && !process.env.CI)('are well-formed XML (xmllint)', () => {
    for (const file of [ADMX, ADML, MOBILECONFIG]) {
      const result = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
      expect(result.stderr, file).toBe('');
      expect(result.status, file).toBe(0);
    }
  });

  it.skipIf(!hasXmllint && !process.env.CI)(
    'ADMX/ADML: every key with its type, registry key and words',
    () => {
      for (const name of POLICY_KEY_NAMES) {
        const spec = POLICY_KEYS[name];
        const forms: Array<readonly [string, string]> = [['', 'Software\\Policies\\Convene']];
        if (spec.recommendable)
          forms.push(['_recommended', 'Software\\Policies\\Convene\\Recommended'] as const);
        for (const [suffix, key] of forms) {
          const policy = `//${el('policy')}[@name='${name}${suffix}']`;
          expect(xpath(ADMX, `string(${policy}/@key)`), name + suffix).toBe(key);
          expect(
            xpath(ADMX, `count(${policy}/${ELEMENT[spec.kind]})`),
            `${name}${suffix} is a ${spec.kind}`,
          ).toBe('1');
          if (spec.kind === 'boolean') expect(xpath(ADMX, `string(${policy}/@valueName)`)).toBe(name);
          if (spec.kind === 'enum')
            expect(xpath(ADMX, `count(${policy}//${el('item')})`)).toBe(String(spec.values?.length));
          if (spec.kind !== 'boolean')
            expect(
              xpath(ADML, `count(//${el('presentation')}[@id='${name}${suffix}'])`),
              `presentation ${name}`,
            ).toBe('1');
        }
        if (!spec.recommendable)
          expect(xpath(ADMX, `count(//${el('policy')}[@name='${name}_recommended'])`)).toBe('0');
        expect(xpath(ADML, `string(//${el('string')}[@id='${name}'])`)).toBe(spec.title);
      }
      // Every $(string.x) the ADMX names exists in the ADML.
      const admx = execFileSync('cat', [ADMX], { encoding: 'utf8' });
      for (const [, id] of admx.matchAll(/\$\(string\.([^)]+)\)/g))
        expect(xpath(ADML, `count(//${el('string')}[@id='${id}'])`), id).toBe('1');
    },
  );

  it('.mobileconfig: every key with its type, and the app reads it without a problem', async () => {
    const profile = parse(await readFile(MOBILECONFIG, 'utf8')) as {
      PayloadContent: Array<Record<string, unknown>>;
    };
    const payload = profile.PayloadContent[0]!;
    expect(payload.PayloadType).toBe('com.convene.desktop');
    const { Recommended, ...top } = payload;
    const all = { ...top, ...(Recommended as Record<string, unknown>) };
    const jsType = {
      boolean: 'boolean',
      string: 'string',
      integer: 'number',
      enum: 'string',
      list: 'object',
    } as const;
    for (const name of POLICY_KEY_NAMES) {
      expect(all, name).toHaveProperty(name);
      expect(typeof all[name], name).toBe(jsType[POLICY_KEYS[name].kind]);
    }
    const bookkeeping = Object.fromEntries(Object.entries(payload).filter(([k]) => !k.startsWith('Payload')));
    const layers = mergePolicies([splitRecommended('profile', bookkeeping)]);
    expect(layers.errors).toEqual([]);
    const keys = resolveKeys(layers);
    for (const name of POLICY_KEY_NAMES)
      expect(keys[name].source, name).toBe(
        POLICY_KEYS[name].exampleAs === 'default' ? 'policy-default' : 'enforced',
      );
  });
});
