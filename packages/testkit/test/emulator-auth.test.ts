import { writeFile } from 'node:fs/promises';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import type { Emulator } from '../src/index.js';
import { armClientFor, CLUSTER, credentialFor, emulatorFetch, RG } from './emulator-clients.js';
import { emulatorForSuite, rejection } from './emulator-fixture.js';

const SCOPE = 'https://management.azure.com/.default';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('Entra token exchange and ARM authentication', () => {
  let now = Date.parse('2026-03-02T08:00:00Z');
  let emulator: Emulator;
  const readerId = '33333333-3333-4333-8333-333333333333';

  emulatorForSuite(
    {
      clock: { now: () => now },
      operationDurationInMs: 0,
      identities: [
        { clientId: '22222222-2222-4222-8222-222222222222' },
        {
          clientId: readerId,
          federatedSubjects: ['system:serviceaccount:ops:reader'],
          rbac: [
            'Microsoft.ContainerService/managedClusters/read',
            'Microsoft.ContainerService/managedClusters/agentPools/read',
          ],
        },
      ],
    },
    (started) => {
      ({ emulator } = started);
    },
  );

  const tokenRequest = (assertion: string, clientId = emulator.clientId) =>
    emulatorFetch(emulator, `/${emulator.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: clientId,
        scope: SCOPE,
        grant_type: 'client_credentials',
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      }),
    });

  test('WorkloadIdentityCredential exchanges the projected token for an ARM token with oid, appid, tid, aud, exp', async () => {
    const credential = await credentialFor(emulator);
    const token = await credential.getToken(SCOPE);
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      appid: emulator.clientId,
      tid: emulator.tenantId,
      aud: 'https://management.azure.com',
    });
    expect(claims.exp).toBe(Math.floor(now / 1000) + 3599);
    expect(typeof claims.oid).toBe('string');
    const exchange = emulator.requests.find((entry) => entry.path.endsWith('/oauth2/v2.0/token'));
    expect(exchange).toMatchObject({ status: 200, principal: emulator.clientId, target: 'entra' });
  });

  test('a wrong subject is refused with AADSTS70021 naming issuer, subject and audience', async () => {
    const tokenFilePath = await emulator.writeFederatedTokenFile();
    await writeFile(tokenFilePath, await emulator.issueServiceAccountToken('default', 'someone-else'));
    const credential = await credentialFor(emulator, { tokenFilePath });
    const error = await rejection(credential.getToken(SCOPE));
    expect(error.message).toContain('AADSTS70021');
    expect(error.message).toContain("Assertion Subject: 'system:serviceaccount:default:someone-else'");
    expect(error.message).toContain(`Assertion Issuer: '${emulator.issuerUrl}'`);
  });

  test('forged (wrong key), expired, wrong-issuer and wrong-audience assertions are refused; the assertion is never echoed', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const nowInSeconds = Math.floor(now / 1000);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(emulator.issuerUrl)
      .setSubject('system:serviceaccount:default:workload-identity-sa')
      .setAudience('api://AzureADTokenExchange')
      .setIssuedAt(nowInSeconds)
      .setExpirationTime(nowInSeconds + 3600)
      .sign(privateKey);
    const forgedResponse = await tokenRequest(forged);
    const forgedText = await forgedResponse.text();
    expect(forgedResponse.status).toBe(401);
    expect(forgedText).toContain('AADSTS700027');
    expect(forgedText).not.toContain(forged);

    const expired = await emulator.issueServiceAccountToken('default', 'workload-identity-sa', {
      expiresInSeconds: 600,
    });
    now += 601_000;
    const expiredResponse = await tokenRequest(expired);
    expect(expiredResponse.status).toBe(401);
    expect(await expiredResponse.text()).toContain('AADSTS700024');

    const audience = await emulator.issueServiceAccountToken('default', 'workload-identity-sa', {
      audience: 'api://other',
    });
    expect(await (await tokenRequest(audience)).text()).toContain('AADSTS70021');

    const wrongIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(emulator.issuerUrl.replace(/\/$/, ''))
      .setSubject('system:serviceaccount:default:workload-identity-sa')
      .setAudience('api://AzureADTokenExchange')
      .setExpirationTime(nowInSeconds + 3600)
      .sign(privateKey);
    const issuerResponse = await tokenRequest(wrongIssuer);
    expect(issuerResponse.status).toBe(400);
    expect(await issuerResponse.json()).toMatchObject({ error: 'invalid_request', error_codes: [700211] });
  });

  test('unknown clients and tenants get their AADSTS errors; discovery names endpoints on the same host', async () => {
    const good = await emulator.issueServiceAccountToken('default', 'workload-identity-sa');
    const unknownClient = await tokenRequest(good, '99999999-9999-4999-8999-999999999999');
    expect(await unknownClient.json()).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    const tenant = await emulatorFetch(emulator, '/not-a-tenant/v2.0/.well-known/openid-configuration');
    expect(await tenant.json()).toMatchObject({ error_codes: [90002] });
    const discovery = (await (
      await emulatorFetch(emulator, `/${emulator.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    for (const key of ['authorization_endpoint', 'token_endpoint', 'issuer', 'jwks_uri']) {
      expect(discovery[key]?.startsWith(emulator.armEndpoint)).toBe(true);
    }
    const issuer = (await (await fetch(`${emulator.issuerUrl}.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(issuer.issuer).toBe(emulator.issuerUrl);
    expect(((await (await fetch(issuer.jwks_uri)).json()) as { keys: unknown[] }).keys).toHaveLength(1);
  });

  test('a rotated token file is exchanged again after the old token expired', async () => {
    const tokenFilePath = await emulator.writeFederatedTokenFile();
    expect((await (await credentialFor(emulator, { tokenFilePath })).getToken(SCOPE)).token).toBeTruthy();
    now += 3_601_000;
    const stale = await rejection((await credentialFor(emulator, { tokenFilePath })).getToken(SCOPE));
    expect(stale.message).toContain('AADSTS700024');
    await emulator.writeFederatedTokenFile(tokenFilePath);
    expect((await (await credentialFor(emulator, { tokenFilePath })).getToken(SCOPE)).token).toBeTruthy();
  });

  test('ARM answers 401 without a token and for an expired token, with WWW-Authenticate', async () => {
    const path = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER}/agentPools?api-version=2026-06-01`;
    const anonymous = await emulatorFetch(emulator, path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer authorization_uri=');
    expect(await anonymous.json()).toMatchObject({ error: { code: 'AuthenticationFailed' } });

    const client = await armClientFor(emulator);
    await client.agentPools.get(RG, CLUSTER, 'nodepool1');
    now += 3_600_000;
    const expired = await rejection(client.agentPools.get(RG, CLUSTER, 'nodepool1'));
    expect(expired).toMatchObject({ statusCode: 401, code: 'ExpiredAuthenticationToken' });
  });

  test('RBAC denies a missing action with 403 AuthorizationFailed naming the action and scope', async () => {
    const tokenFilePath = await emulator.writeFederatedTokenFile();
    await writeFile(tokenFilePath, await emulator.issueServiceAccountToken('ops', 'reader'));
    const client = await armClientFor(emulator, {
      credential: await credentialFor(emulator, { clientId: readerId, tokenFilePath }),
    });
    const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    const denied = await rejection(
      client.agentPools.createOrUpdate(RG, CLUSTER, 'manualpool2', { ...pool, count: 2 }).pollUntilDone(),
    );
    expect(denied).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(denied.message).toContain(
      `does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/agentPools/write' over scope '/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER}/agentPools/manualpool2'`,
    );
    expect(emulator.requests.findLast((entry) => entry.status === 403)?.principal).toBe(readerId);
  });
});
