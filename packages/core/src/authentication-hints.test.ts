import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainAuthenticationFailure } from './authentication-hints.js';

const folder = mkdtempSync(join(tmpdir(), 'aks-scaler-hints-'));
const present = join(folder, 'token');
writeFileSync(present, 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln');
const empty = join(folder, 'empty');
writeFileSync(empty, '');
const context = (tokenFile: string) => ({
  kind: 'workload-identity' as const,
  clientId: '2222',
  tenantId: '1111',
  tokenFile,
  authorityHost: 'https://login.microsoftonline.com/',
});

/** What @azure/identity throws when the token file cannot be read: Entra is never called. */
const unreadable = (path: string) =>
  Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
    name: 'AuthenticationRequiredError',
  });
/** What @azure/identity throws when Entra answers the exchange with an error. */
const entraError = (message: string) =>
  Object.assign(new Error(message), {
    name: 'AuthenticationError',
    statusCode: 400,
    errorResponse: { error: 'invalid_request' },
  });

describe('explainAuthenticationFailure', () => {
  it('a missing token file: leads with it, says how the webhook mounts it, and never blames Entra', () => {
    const path = join(folder, 'missing');
    const message = explainAuthenticationFailure(context(path), unreadable(path));
    expect(message).toMatch(
      new RegExp(
        `^Workload Identity has no token to exchange: the federated token file '${path}' does not exist\\.`,
      ),
    );
    expect(message).toMatch(
      /webhook mounts it .*azure\.workload\.identity\/use: "true".*azure\.workload\.identity\/client-id/,
    );
    expect(message).toContain('Entra was not called');
    expect(message).not.toContain('Entra said');
    expect(message).not.toMatch(/issuer|audience|api:\/\/AzureADTokenExchange/);
  });

  it('an empty token file says so, with the same fix', () => {
    const message = explainAuthenticationFailure(context(empty), new Error('The token file is empty'));
    expect(message).toContain(`the federated token file '${empty}' is empty`);
    expect(message).toMatch(/kubelet has not written the token yet/);
    expect(message).not.toContain('Entra said');
  });

  it("AADSTS70021: Entra's refusal, the federation checks, and what Entra said", () => {
    const message = explainAuthenticationFailure(
      context(present),
      entraError('AADSTS70021: No matching federated identity record found for presented assertion.'),
    );
    expect(message).toMatch(
      /^Entra refused the Workload Identity token exchange for client '2222' in tenant '1111': no federated identity credential/,
    );
    expect(message).toMatch(
      /issuer .*trailing slash.*subject is exactly 'system:serviceaccount:<namespace>:<service account name>'.*audience is 'api:\/\/AzureADTokenExchange'/,
    );
    expect(message).toMatch(/Entra said: AADSTS70021/);
    expect(message).not.toMatch(/token file/);
  });

  it('AADSTS700016: only the client id check applies', () => {
    const message = explainAuthenticationFailure(
      context(present),
      entraError("AADSTS700016: Application with identifier '2222' was not found in the directory."),
    );
    expect(message).toMatch(/client id is unknown in this tenant/);
    expect(message).toMatch(/AZURE_CLIENT_ID/);
    expect(message).not.toMatch(/issuer|audience/);
  });

  it('says "Entra said" only for what Entra said', () => {
    const network = explainAuthenticationFailure(
      context(present),
      new Error('connect ECONNREFUSED 127.0.0.1:443'),
    );
    expect(network).toMatch(/^Workload Identity could not get a token/);
    expect(network).toMatch(/The credential reported: connect ECONNREFUSED/);
    expect(network).not.toContain('Entra said');
    const cli = explainAuthenticationFailure(
      { kind: 'azure-cli' },
      new Error("Please run 'az login' to setup account."),
    );
    expect(cli).toMatch(/The credential reported: Please run 'az login'/);
    expect(cli).not.toContain('Entra said');
  });

  it('never repeats an assertion from the error', () => {
    const assertion = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXZhbHVl';
    const message = explainAuthenticationFailure(
      context(present),
      entraError(`AADSTS70021: assertion ${assertion} did not match`),
    );
    expect(message).not.toContain(assertion);
  });
});
