// The renderer's Platform against a real app server: `call` is the one typed client signed in
// as a user, failing with PlatformErrors as in the page (renderer/src/platform/web.ts). The
// contract's host methods are not here; units that need them are tested elsewhere.
import { ApiError, createApiClient, type Session } from '../../../common/api.js';
import { PlatformError, type Platform } from '../../../renderer/src/platform/platform.js';

export const DEMO_PASSWORD = 'convene-demo';

export async function platformAs(appUrl: string, username: string): Promise<Platform> {
  const publicApi = createApiClient({ publicServerUrl: () => appUrl });
  const signedIn: Session = await publicApi('auth.login', { body: { username, password: DEMO_PASSWORD } });
  const api = createApiClient({
    session: {
      current: async () => ({ serverUrl: appUrl, accessToken: signedIn.accessToken }),
      refreshAfterRejection: () => Promise.reject(new Error('tests sign in afresh instead')),
    },
  });
  const call = (async (...args: Parameters<typeof api>) => {
    try {
      return await api(...args);
    } catch (err) {
      if (err instanceof ApiError) throw new PlatformError(err.code, err.message, err.status, { cause: err });
      throw err;
    }
  }) as Platform['call'];
  return {
    kind: 'web',
    invoke: (async (method: string) => {
      throw new Error(`${method} is not part of these tests`);
    }) as Platform['invoke'],
    on: () => () => undefined,
    call,
  };
}
