// The IT guide's policy key table and example file, from the policy schema, placed between
// markers in docs/IT-DEPLOYMENT.md (test/scripts/policy-templates.test.ts fails if they drift).
import { format, resolveConfig } from 'prettier';
import { examplePolicy, POLICY_KEY_NAMES, POLICY_KEYS } from '../../electron/services/policy-schema.js';

const REGISTRY_TYPE = {
  boolean: 'REG_DWORD 0/1',
  string: 'REG_SZ',
  integer: 'REG_DWORD',
  enum: 'REG_SZ',
  list: 'subkey of REG_SZ 1, 2, …',
} as const;

const code = (value: unknown) => `\`${JSON.stringify(value)}\``;

export function keyTable(): string {
  const rows = POLICY_KEY_NAMES.map((name) => {
    const spec = POLICY_KEYS[name];
    const form = spec.recommendable ? 'enforced or default' : 'enforced only';
    return `| \`${name}\` | ${spec.format} | ${REGISTRY_TYPE[spec.kind]} | ${code(spec.builtIn)} | ${form} | ${code(spec.example)} | ${spec.description} |`;
  });
  return [
    '| key | type | Windows value | built-in | IT may set it | example | effect |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function exampleJson(): string {
  return ['```json', JSON.stringify(examplePolicy(), null, 2), '```'].join('\n');
}

const section = (name: string, body: string) => ({
  start: `<!-- generated:${name}:start (npm run policy:templates) -->`,
  end: `<!-- generated:${name}:end -->`,
  body,
});

/** The guide with its generated sections replaced, formatted as prettier formats it. */
export async function withGeneratedSections(guide: string): Promise<string> {
  let text = guide;
  for (const { start, end, body } of [
    section('policy-keys', keyTable()),
    section('policy-example', exampleJson()),
  ]) {
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`docs/IT-DEPLOYMENT.md lacks the markers ${start} … ${end}`);
    text = `${text.slice(0, a + start.length)}\n\n${body}\n\n${text.slice(b)}`;
  }
  const filepath = new URL('../../docs/IT-DEPLOYMENT.md', import.meta.url).pathname;
  return format(text, { ...(await resolveConfig(filepath)), filepath });
}
