// Keychain tests need a real Secret Service; scripts/with-keyring.sh provides one and sets
// CONVENE_KEYRING=ready. Anything else means the tests must skip and say why.
export function keyringSkipReason(): string | undefined {
  switch (process.env.CONVENE_KEYRING) {
    case 'ready':
      return undefined;
    case 'missing':
      return 'skipped: dbus-run-session or gnome-keyring-daemon is not installed (apt-get install dbus gnome-keyring)';
    default:
      return 'skipped: no Secret Service session; run the tests through `npm run test:unit` (scripts/with-keyring.sh)';
  }
}
