import { describe, expect, it } from 'vitest';
import { toScalerError } from './arm-errors.js';
import { armScopeFor, isMicrosoftAuthorityHost } from './clouds.js';

const cluster = { subscriptionId: 'sub', resourceGroup: 'rg', clusterName: 'aks' };

function restError(statusCode: number, code: string, message: string, retryAfter?: string) {
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode,
    code,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });
}

describe('toScalerError', () => {
  it.each([
    [401, 'InvalidAuthenticationToken', 'AUTHENTICATION'],
    [404, 'NotFound', 'POOL_NOT_FOUND'],
    [409, 'OperationNotAllowed', 'OPERATION_CONFLICT'],
    [412, 'PreconditionFailed', 'OPERATION_CONFLICT'],
    [429, 'TooManyRequests', 'THROTTLED'],
    [400, 'InvalidParameter', 'OPERATION_FAILED'],
    [500, 'InternalServerError', 'ARM_REQUEST'],
  ])('%i %s -> %s', (status, code, expected) => {
    expect(
      toScalerError(restError(status, code, 'x'), { operation: 'write', cluster, pool: 'np' }).code,
    ).toBe(expected);
  });

  it('names the refused action and scope of a 403 and lists the role actions', () => {
    const error = toScalerError(
      restError(
        403,
        'AuthorizationFailed',
        "The client 'c' with object id 'o' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/agentPools/write' over scope '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/agentPools/np' or the scope is invalid.",
      ),
      { operation: 'write', cluster, pool: 'np' },
    );
    expect(error).toMatchObject({
      code: 'AUTHORIZATION',
      action: 'Microsoft.ContainerService/managedClusters/agentPools/write',
      scope: expect.stringMatching(/agentPools\/np$/),
    });
    expect(error.message).toMatch(/locations\/operationresults\/read/);
  });

  it('tells a missing cluster from a missing pool', () => {
    const gateway =
      "The Resource 'Microsoft.ContainerService/managedClusters/aks' under resource group 'rg' was not found.";
    expect(
      toScalerError(restError(404, 'ResourceNotFound', gateway), { operation: 'get', cluster, pool: 'np' })
        .code,
    ).toBe('CLUSTER_NOT_FOUND');
    expect(
      toScalerError(restError(404, 'ResourceGroupNotFound', 'x'), { operation: 'get', cluster, pool: 'np' })
        .code,
    ).toBe('CLUSTER_NOT_FOUND');
  });

  it('maps a failed or canceled long-running operation with its ARM code', () => {
    const failed = toScalerError(new Error('The long-running operation has failed. QuotaExceeded. nope'), {
      operation: 'write',
      cluster,
      pool: 'np',
    });
    expect(failed).toMatchObject({ code: 'OPERATION_FAILED', armCode: 'QuotaExceeded' });
    expect(toScalerError(new Error('Operation was canceled'), { operation: 'write', cluster })).toMatchObject(
      {
        armCode: 'Canceled',
      },
    );
  });

  it('keeps the wait ARM asked for on 429', () => {
    const error = toScalerError(restError(429, 'Throttled', 'x', '7'), { operation: 'list', cluster });
    expect(error).toMatchObject({ code: 'THROTTLED', retryAfterInMs: 7000 });
  });
});

describe('clouds', () => {
  it('keeps the public ARM scope except for known sovereign clouds', () => {
    expect(armScopeFor('https://management.azure.com')).toBe('https://management.azure.com/.default');
    expect(armScopeFor('https://127.0.0.1:8443')).toBe('https://management.azure.com/.default');
    expect(armScopeFor('https://management.usgovcloudapi.net/')).toBe(
      'https://management.usgovcloudapi.net/.default',
    );
    expect(armScopeFor('https://management.chinacloudapi.cn')).toBe(
      'https://management.chinacloudapi.cn/.default',
    );
  });

  it('recognises Microsoft authority hosts, with or without a trailing slash', () => {
    expect(isMicrosoftAuthorityHost('https://login.microsoftonline.com/')).toBe(true);
    expect(isMicrosoftAuthorityHost('https://login.microsoftonline.de')).toBe(true);
    expect(isMicrosoftAuthorityHost('https://127.0.0.1:8443/')).toBe(false);
    expect(isMicrosoftAuthorityHost('https://login.microsoftonline.com.evil.example/')).toBe(false);
  });
});
