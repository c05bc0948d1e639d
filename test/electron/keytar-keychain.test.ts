// A round trip through keytar against the real OS keychain (gnome-keyring over D-Bus).
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { keyringSkipReason } from '../support/keyring.js';

const skip = keyringSkipReason();
if (skip) console.warn(`keytar keychain test ${skip}`);

describe.skipIf(skip !== undefined)('keytar against gnome-keyring', () => {
  it('stores, reads, lists and deletes a secret', async () => {
    const service = `convene-test-${randomUUID()}`;
    const secret = `refresh-${randomUUID()}`;
    await keytar.setPassword(service, 'https://meet.example.test|alice', secret);

    expect(await keytar.getPassword(service, 'https://meet.example.test|alice')).toBe(secret);
    expect(await keytar.findCredentials(service)).toEqual([
      { account: 'https://meet.example.test|alice', password: secret },
    ]);
    expect(await keytar.deletePassword(service, 'https://meet.example.test|alice')).toBe(true);
    expect(await keytar.getPassword(service, 'https://meet.example.test|alice')).toBeNull();
  });
});
