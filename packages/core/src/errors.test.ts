import { describe, expect, it } from 'vitest';
import { AuthorizationError, ConfigError, isScalerError, ScalerError } from './errors.js';

describe('errors', () => {
  it('carry a stable code, their class name and the cause', () => {
    const cause = new Error('underlying');
    const error = new ConfigError('NODE_POOLS_AMOUNT is not JSON', {
      cause,
      issues: [{ path: 'x', message: 'y' }],
    });
    expect(error).toBeInstanceOf(ScalerError);
    expect(error.code).toBe('CONFIG');
    expect(error.name).toBe('ConfigError');
    expect(error.cause).toBe(cause);
    expect(error.issues).toEqual([{ path: 'x', message: 'y' }]);
    expect(isScalerError(error)).toBe(true);
    expect(isScalerError(new Error('x'))).toBe(false);
  });

  it('keep the refused action and scope of an authorization failure', () => {
    const error = new AuthorizationError('missing agentPools/write', {
      action: 'Microsoft.ContainerService/managedClusters/agentPools/write',
      scope: '/subscriptions/s',
    });
    expect(error.code).toBe('AUTHORIZATION');
    expect(error.action).toMatch(/agentPools\/write$/);
  });
});

describe('error causes', () => {
  it('drop the request and response of an SDK error, so the Authorization header cannot be logged', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const restError = Object.assign(new Error('Operation is not allowed'), {
      name: 'RestError',
      code: 'OperationNotAllowed',
      statusCode: 409,
      request: { headers: { authorization: `Bearer ${token}` } },
      response: { status: 409, request: { headers: { authorization: `Bearer ${token}` } } },
    });
    const error = new ConfigError('wrapped', { cause: restError });
    const cause = error.cause as Error & { code?: string; statusCode?: number };
    expect(cause).toMatchObject({
      name: 'RestError',
      message: 'Operation is not allowed',
      code: 'OperationNotAllowed',
    });
    expect(cause.statusCode).toBe(409);
    expect(JSON.stringify(cause)).not.toContain(token);
    expect('request' in cause).toBe(false);
    expect('response' in cause).toBe(false);
  });

  it('keep any other cause as it is', () => {
    const cause = new Error('plain');
    expect(new ConfigError('wrapped', { cause }).cause).toBe(cause);
  });
});
