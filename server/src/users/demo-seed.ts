// Demo users for the local development stack only (CONVENE_SEED_DEMO=1, set by `npm start` and
// by test stacks that ask for users). Never on by default: these passwords are public.
import type { UserStore } from './store.js';

export const DEMO_PASSWORD = 'convene-demo';

export const DEMO_USERS = [
  { username: 'alice', displayName: 'Alice Archer', isAdmin: true },
  { username: 'bob', displayName: 'Bob Baker', isAdmin: false },
  { username: 'carol', displayName: 'Carol Chen', isAdmin: false },
] as const;

/** Creates whichever demo users are missing; leaves existing ones (and their passwords) alone. */
export async function seedDemoUsers(users: UserStore): Promise<void> {
  for (const demo of DEMO_USERS) {
    if (await users.findByUsername(demo.username)) continue;
    await users.create({ ...demo, password: DEMO_PASSWORD });
  }
}
