// Runs electronegativity over a directory and prints its findings as JSON on stdout.
// The caller runs this in an empty network namespace: the tool tries to download translations
// and Electron release data, and this machine (and CI) must not reach out.
import mod from '@doyensec/electronegativity';

const run = mod.default ?? mod;
const result = await run({
  input: process.argv[2],
  isRelative: true,
  parserPlugins: ['typescript'],
  electronVersionOverride: process.argv[3],
  // Needs the network (Electron's release list); the pinned version is reviewed by hand.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});
const brief = (i) => ({
  id: i.id,
  file: i.file,
  line: i.location?.line,
  severity: i.severity?.name,
  confidence: i.confidence?.name,
  description: i.description,
});
process.stdout.write(
  `\n@@RESULT@@${JSON.stringify({ issues: result.issues.map(brief), errors: result.errors })}\n`,
);
