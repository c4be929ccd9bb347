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
