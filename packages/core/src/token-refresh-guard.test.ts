import type { AccessToken, TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createHttpHeaders,
  createPipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from '@azure/core-rest-pipeline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthenticationError } from './errors.js';
import { tokenRefreshGuard } from './token-refresh-guard.js';

const SCOPE = 'https://management.azure.com/.default';
const next: SendRequest = async (request): Promise<PipelineResponse> => ({
  request,
  status: 200,
  headers: createHttpHeaders(),
});

/** A credential whose first token is valid for a minute; every later request for one fails, as a deleted token file does. */
function failingAfterFirst(): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    async getToken(): Promise<AccessToken> {
      credential.calls++;
      if (credential.calls === 1)
        return { token: 'first-access-token', expiresOnTimestamp: Date.now() + 60_000 };
      throw new AuthenticationError(
        "Workload Identity could not read its federated token file '/var/run/secrets/azure/tokens/azure-identity-token': it does not exist.",
      );
    },
  };
  return credential;
}

/** Sends a request through the SDK's own bearer-token policy, as every ARM request of the client does. */
function send(policy: ReturnType<typeof bearerTokenAuthenticationPolicy>, abortSignal?: AbortSignal) {
  const request = createPipelineRequest({
    url: 'https://management.azure.com/subscriptions/s/resourceGroups/rg',
    ...(abortSignal && { abortSignal }),
  });
  return policy.sendRequest(request, next);
}

describe("the SDK's background token refresh", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout'],
      now: Date.parse('2026-01-01T00:00:00Z'),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    process.off('unhandledRejection', onUnhandled);
  });

  it('never rejects unhandled when it fails after the work was aborted; the next request that needs a token gets the error', async () => {
    const credential = failingAfterFirst();
    const policy = bearerTokenAuthenticationPolicy({
      credential: tokenRefreshGuard(credential),
      scopes: SCOPE,
    });
    await send(policy); // the first token, valid for a minute: inside the SDK's two-minute refresh window
    const work = new AbortController();
    vi.advanceTimersByTime(1000);
    await send(policy, work.signal); // starts the background refresh, which nobody awaits
    work.abort();
    await vi.advanceTimersByTimeAsync(120_000); // past the first token's expiry, every retry of the refresh done
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(credential.calls).toBeGreaterThan(1);
    // The token has expired: a request now waits for a refresh, and the failure is its error.
    await expect(send(policy)).rejects.toThrow(/federated token file .* does not exist/);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  it('gives the real error to a claims challenge and to a first token, and passes fresh tokens through', async () => {
    const credential = failingAfterFirst();
    const guarded = tokenRefreshGuard(credential);
    await expect(guarded.getToken(SCOPE)).resolves.toMatchObject({ token: 'first-access-token' });
    await expect(guarded.getToken(SCOPE, { claims: 'eyJhY2Nlc3NfdG9rZW4iOnt9fQ' })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    await expect(guarded.getToken(SCOPE)).resolves.toMatchObject({ token: 'first-access-token' });
    await expect(tokenRefreshGuard(failingAfterFirst()).getToken('other')).resolves.toBeTruthy();
    const never = tokenRefreshGuard({ getToken: () => Promise.reject(new AuthenticationError('no')) });
    await expect(never.getToken(SCOPE)).rejects.toThrow('no');
  });
});
