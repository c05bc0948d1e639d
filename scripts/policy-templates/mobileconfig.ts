// An example macOS configuration profile from the policy schema: one payload for the preference
// domain com.convene.desktop holding every key's example (defaults in its `Recommended` dict).
// An MDM installs it; macOS then writes /Library/Managed Preferences/com.convene.desktop.plist.
import { build } from 'plist';
import { examplePolicy, PREFERENCE_DOMAIN } from '../../electron/services/policy-schema.js';

// Fixed so the committed file does not change on every run; replace them in your own profile.
const PROFILE_UUID = '5D1C3C1E-8F0B-4C53-9B1F-2A7E0C9E4A10';
const PAYLOAD_UUID = '0B7F6C43-1D2E-4E4A-8C0F-6E2B9A3D5C21';

export function mobileconfig(): string {
  const profile = {
    PayloadContent: [
      {
        PayloadType: PREFERENCE_DOMAIN,
        PayloadVersion: 1,
        PayloadIdentifier: `${PREFERENCE_DOMAIN}.policy`,
        PayloadUUID: PAYLOAD_UUID,
        PayloadDisplayName: 'Convene policy',
        ...examplePolicy(),
      },
    ],
    PayloadDescription:
      'Example Convene policy generated from the policy schema. Top-level keys are enforced; keys under Recommended are defaults users may change.',
    PayloadDisplayName: 'Convene (example)',
    PayloadIdentifier: `${PREFERENCE_DOMAIN}.profile`,
    PayloadOrganization: 'Example Corp',
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: PROFILE_UUID,
    PayloadVersion: 1,
  };
  return `${build(profile as Parameters<typeof build>[0])}\n`;
}
