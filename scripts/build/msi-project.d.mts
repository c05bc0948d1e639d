// Types for the electron-builder msiProjectCreated hook (msi-project.mjs), for its test.
export const MSI_ADDITIONS: string;
export function withConveneAdditions(wxs: string): string;
export default function msiProjectCreated(projectFile: string): Promise<void>;
