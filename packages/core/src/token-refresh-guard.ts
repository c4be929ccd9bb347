import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/**
 * Keeps the SDK's background token refresh from ever rejecting into the void.
 *
 * The SDK's bearer-token policy (core-rest-pipeline's token cycler) starts a refresh two minutes before a token
 * expires *without awaiting it*, and retries it until the old token's expiry; when the last attempt fails and no
 * request happens to be waiting on it (the work was done, or aborted), its rejection is unhandled, and Node ends
 * a service that embeds the library. This wrapper, given to every SDK client of `createNodePoolClient`, answers a
 * failed refresh with the token it last obtained while that token was still valid when the attempt started: the
 * background refresh then resolves, requests keep the token they may still use, and the failure surfaces where it
 * belongs, on the first request that needs a new token (the refresh a request awaits). A claims challenge (the
 * token was revoked) always gets the real error.
 *
 * Token lifetimes are wall-clock time, as the SDK measures them: `now` is `Date.now` unless a test injects one.
 */
export function tokenRefreshGuard(
  credential: TokenCredential,
  now: () => number = Date.now,
): TokenCredential {
  const lastTokens = new Map<string, AccessToken>();
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const key = `${options?.tenantId ?? ''} ${[scopes].flat().join(' ')}`;
      const startedAt = now();
      const stillValid = () => {
        const last = lastTokens.get(key);
        return !options?.claims && last && last.expiresOnTimestamp > startedAt ? last : undefined;
      };
      let token: AccessToken | null;
      try {
        token = await credential.getToken(scopes, options);
      } catch (error) {
        const last = stillValid();
        if (last) return last;
        throw error;
      }
      if (token) lastTokens.set(key, token);
      return token ?? stillValid() ?? null;
    },
  };
}
