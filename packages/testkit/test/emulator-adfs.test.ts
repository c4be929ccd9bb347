// The AD FS-style authority and the cloud metadata document, which azure-cli reads (its MSAL skips instance
// discovery for an authority ending in /adfs), over plain HTTPS.
import { describe, expect, test } from 'vitest';
import type { Emulator } from '../src/index.js';
import { emulatorFetch } from './emulator-clients.js';
import { emulatorForSuite } from './emulator-fixture.js';

describe('the AD FS-style authority and /metadata/endpoints', () => {
  let emulator: Emulator;

  emulatorForSuite({}, (started) => {
    ({ emulator } = started);
  });

  test('serves AD FS discovery whose endpoints stay under /adfs on the emulator', async () => {
    const response = await emulatorFetch(emulator, '/adfs/.well-known/openid-configuration');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      issuer: `${emulator.armEndpoint}/adfs`,
      token_endpoint: `${emulator.armEndpoint}/adfs/oauth2/token/`,
      authorization_endpoint: `${emulator.armEndpoint}/adfs/oauth2/authorize/`,
      jwks_uri: `${emulator.armEndpoint}/adfs/discovery/keys`,
      grant_types_supported: expect.arrayContaining(['client_credentials']),
    });
    const keys = (await (await emulatorFetch(emulator, '/adfs/discovery/keys')).json()) as {
      keys: unknown[];
    };
    expect(keys.keys).toHaveLength(1);
  });

  test('its token endpoint exchanges a federated assertion for an ARM token ARM accepts', async () => {
    const form = new URLSearchParams({
      client_id: emulator.clientId,
      scope: 'https://management.azure.com//.default', // azure-cli keeps the resource's trailing slash
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await emulator.issueServiceAccountToken('default', 'workload-identity-sa'),
    });
    const token = await emulatorFetch(emulator, '/adfs/oauth2/token/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(token.status).toBe(200);
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const subscriptions = await emulatorFetch(emulator, '/subscriptions?api-version=2019-11-01', {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(subscriptions.status).toBe(200);

    const wrongSubject = await emulatorFetch(emulator, '/adfs/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...Object.fromEntries(form),
        client_assertion: await emulator.issueServiceAccountToken('default', 'someone-else'),
      }),
    });
    expect(wrongSubject.status).toBe(400);
    expect(await wrongSubject.text()).toContain('AADSTS70021');
  });

  test('publishes the cloud metadata az cloud register reads, also under a doubled slash', async () => {
    for (const path of [
      '/metadata/endpoints?api-version=2015-01-01',
      '//metadata/endpoints?api-version=2015-01-01',
    ]) {
      const response = await emulatorFetch(emulator, path);
      expect(response.status, path).toBe(200);
      expect(await response.json()).toMatchObject({
        authentication: {
          loginEndpoint: `${emulator.armEndpoint}/adfs`,
          audiences: ['https://management.azure.com/', 'https://management.core.windows.net/'],
        },
      });
    }
  });
});
