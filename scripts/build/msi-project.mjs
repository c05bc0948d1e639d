// electron-builder msiProjectCreated hook: adds to the MSI's WiX project what IT needs and the
// stock template lacks: a SERVERURL property (`msiexec /i Convene.msi /qn SERVERURL=https://…`)
// written as the enforced serverUrl policy, and a record of the install folder, by which the app
// knows it is an IT-managed MSI install and does not update itself unless the policy says so.
import { readFile, writeFile } from 'node:fs/promises';

// Fixed GUIDs: a component's GUID must stay the same across versions for upgrades to work.
const MARKER_GUID = '{6F1E2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A51}';
const SERVER_URL_GUID = '{6F1E2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A52}';

export const MSI_ADDITIONS = `
    <Property Id="SERVERURL" Secure="yes"/>
    <ComponentGroup Id="ConveneRegistry" Directory="APPLICATIONFOLDER">
      <Component Id="ConveneInstallMarker" Guid="${MARKER_GUID}">
        <RegistryValue Root="HKLM" Key="SOFTWARE\\Convene\\Install" Name="InstallDir" Type="string" Value="[APPLICATIONFOLDER]" KeyPath="yes"/>
      </Component>
      <Component Id="ConveneServerUrlPolicy" Guid="${SERVER_URL_GUID}">
        <Condition>SERVERURL</Condition>
        <RegistryValue Root="HKLM" Key="SOFTWARE\\Policies\\Convene" Name="serverUrl" Type="string" Value="[SERVERURL]" KeyPath="yes"/>
      </Component>
    </ComponentGroup>
`;

/** The WiX project with the additions; throws if the template no longer has the expected shape. */
export function withConveneAdditions(wxs) {
  const feature = '<ComponentGroupRef Id="ProductComponents"/>';
  if (!wxs.includes(feature) || !wxs.includes('</Product>'))
    throw new Error('msi-project: the WiX template changed; update scripts/build/msi-project.mjs');
  return wxs
    .replace(feature, `${feature}\n      <ComponentGroupRef Id="ConveneRegistry"/>`)
    .replace('</Product>', `${MSI_ADDITIONS}  </Product>`);
}

export default async function msiProjectCreated(projectFile) {
  await writeFile(projectFile, withConveneAdditions(await readFile(projectFile, 'utf8')));
}
