// Group Policy templates from the policy schema: convene.admx (what each policy writes where in
// the registry) and en-US/convene.adml (its words). Each key is a policy under
// Software\Policies\Convene (enforced); keys that may also be defaults get a second policy under
// ...\Convene\Recommended, in the category "Convene - Default settings (users can override)".
import {
  POLICY_KEY_NAMES,
  POLICY_KEYS,
  RECOMMENDED,
  REGISTRY_PATH,
  type PolicyKey,
} from '../../electron/services/policy-schema.js';
import { esc } from './xml.js';

const NS = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';
const SUPPORTED = 'SUPPORTED_CONVENE_0_1';
const ROOT = REGISTRY_PATH.replace(/^SOFTWARE/, 'Software');

interface Variant {
  name: PolicyKey;
  id: string;
  key: string;
  category: string;
}

function variants(): Variant[] {
  return POLICY_KEY_NAMES.flatMap((name) => [
    { name, id: name, key: ROOT, category: 'Convene' },
    ...(POLICY_KEYS[name].recommendable
      ? [{ name, id: `${name}_recommended`, key: `${ROOT}\\${RECOMMENDED}`, category: 'Convene_Recommended' }]
      : []),
  ]);
}

function policyElement(v: Variant): string {
  const spec = POLICY_KEYS[v.name];
  const head = `name="${v.id}" class="Both" displayName="$(string.${v.name})" explainText="$(string.${v.name}_Explain)" key="${esc(v.key)}"`;
  const tail = `      <parentCategory ref="${v.category}"/>\n      <supportedOn ref="${SUPPORTED}"/>\n`;
  const presentation = ` presentation="$(presentation.${v.id})"`;
  switch (spec.kind) {
    case 'boolean':
      return `    <policy ${head} valueName="${v.name}">\n${tail}      <enabledValue><decimal value="1"/></enabledValue>\n      <disabledValue><decimal value="0"/></disabledValue>\n    </policy>`;
    case 'string':
      return `    <policy ${head}${presentation}>\n${tail}      <elements>\n        <text id="${v.name}" valueName="${v.name}" maxLength="2048" required="true"/>\n      </elements>\n    </policy>`;
    case 'integer': {
      const [min, max] = spec.range ?? [0, 0];
      return `    <policy ${head}${presentation}>\n${tail}      <elements>\n        <decimal id="${v.name}" valueName="${v.name}" minValue="${min}" maxValue="${max}" required="true"/>\n      </elements>\n    </policy>`;
    }
    case 'enum': {
      const items = (spec.values ?? [])
        .map(
          (value) =>
            `          <item displayName="$(string.${v.name}_${value})"><value><string>${esc(value)}</string></value></item>`,
        )
        .join('\n');
      return `    <policy ${head}${presentation}>\n${tail}      <elements>\n        <enum id="${v.name}" valueName="${v.name}" required="true">\n${items}\n        </enum>\n      </elements>\n    </policy>`;
    }
    case 'list':
      return `    <policy ${head}${presentation}>\n${tail}      <elements>\n        <list id="${v.name}" key="${esc(`${v.key}\\${v.name}`)}" valuePrefix=""/>\n      </elements>\n    </policy>`;
  }
}

export function admx(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from electron/services/policy-schema.ts by \`npm run policy:templates\`; do not edit. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${NS}">
  <policyNamespaces>
    <target prefix="convene" namespace="Convene.Policies.Convene"/>
  </policyNamespaces>
  <resources minRequiredRevision="1.0"/>
  <supportedOn>
    <definitions>
      <definition name="${SUPPORTED}" displayName="$(string.${SUPPORTED})"/>
    </definitions>
  </supportedOn>
  <categories>
    <category name="Convene" displayName="$(string.Convene)"/>
    <category name="Convene_Recommended" displayName="$(string.Convene_Recommended)"/>
  </categories>
  <policies>
${variants().map(policyElement).join('\n')}
  </policies>
</policyDefinitions>
`;
}

function presentationElement(v: Variant): string | null {
  const spec = POLICY_KEYS[v.name];
  const label = esc(spec.title);
  const body = {
    boolean: null,
    string: `<textBox refId="${v.name}"><label>${label}</label></textBox>`,
    integer: `<decimalTextBox refId="${v.name}" defaultValue="${String(spec.builtIn)}">${label}</decimalTextBox>`,
    enum: `<dropdownList refId="${v.name}" noSort="true" defaultItem="0">${label}</dropdownList>`,
    list: `<listBox refId="${v.name}">${label}</listBox>`,
  }[spec.kind];
  return body ? `      <presentation id="${v.id}">\n        ${body}\n      </presentation>` : null;
}

export function adml(): string {
  const strings: Array<[string, string]> = [
    ['Convene', 'Convene'],
    ['Convene_Recommended', 'Convene - Default settings (users can override)'],
    [SUPPORTED, 'Convene 0.1 and later'],
  ];
  for (const name of POLICY_KEY_NAMES) {
    const spec = POLICY_KEYS[name];
    const where = `Registry: ${ROOT}\\${name}${spec.recommendable ? ` (enforced) or ${ROOT}\\${RECOMMENDED}\\${name} (default the user may change)` : ''}.`;
    strings.push([name, spec.title], [`${name}_Explain`, `${plain(spec.description)}\n\n${where}`]);
    for (const value of spec.values ?? []) strings.push([`${name}_${value}`, value]);
  }
  const table = strings.map(([id, text]) => `      <string id="${id}">${esc(text)}</string>`).join('\n');
  const presentations = variants()
    .map(presentationElement)
    .filter((p): p is string => p !== null)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from electron/services/policy-schema.ts by \`npm run policy:templates\`; do not edit. -->
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${NS}">
  <displayName>Convene</displayName>
  <description>Convene desktop app policies</description>
  <resources>
    <stringTable>
${table}
    </stringTable>
    <presentationTable>
${presentations}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}

/** Markdown backticks mean nothing in the Group Policy editor. */
const plain = (text: string) => text.replace(/`/g, '');
