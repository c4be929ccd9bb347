import { describe, expect, it } from 'vitest';
import { readPodSettings } from './env.js';

const SEED = {
  SUBSCRIPTION: '00000000-0000-0000-0000-000000000000',
  RESOURCE_GROUP: 'myResourceGroup',
  CLUSTER_NAME: 'myManagedCluster',
  NODE_POOLS_AMOUNT: '{ "manualpool2": 5 }',
};

const read = (env: NodeJS.ProcessEnv) => readPodSettings({ ...SEED, ...env });

describe('SCALER_SHARD', () => {
  it('is off when unset: the process takes every cluster', () => {
    const { settings, issues } = read({ JOB_COMPLETION_INDEX: '2' });
    expect(issues).toEqual([]);
    expect(settings.shard).toBeUndefined();
  });

  it('reads <i>/<n>, counted from 0, and SCALER_SHARDS may repeat n', () => {
    expect(read({ SCALER_SHARD: '1/3' }).settings.shard).toEqual({
      index: 1,
      count: 3,
      from: 'SCALER_SHARD',
    });
    expect(read({ SCALER_SHARD: ' 0 / 1 ' }).settings.shard).toEqual({
      index: 0,
      count: 1,
      from: 'SCALER_SHARD',
    });
    expect(read({ SCALER_SHARD: '2/3', SCALER_SHARDS: '3' }).issues).toEqual([]);
  });

  it('reads auto from an Indexed Job: JOB_COMPLETION_INDEX of SCALER_SHARDS', () => {
    const { settings, issues } = read({
      SCALER_SHARD: 'auto',
      SCALER_SHARDS: '3',
      JOB_COMPLETION_INDEX: '2',
    });
    expect(issues).toEqual([]);
    expect(settings.shard).toEqual({ index: 2, count: 3, from: 'JOB_COMPLETION_INDEX' });
    expect(
      read({ SCALER_SHARD: 'AUTO', SCALER_SHARDS: '1', JOB_COMPLETION_INDEX: '0' }).settings.shard,
    ).toEqual({
      index: 0,
      count: 1,
      from: 'JOB_COMPLETION_INDEX',
    });
  });

  it.each([
    [
      { SCALER_SHARD: '3/3' },
      'SCALER_SHARD',
      /counted from 0, so shard 3 of 3 does not exist; use 0\/3 to 2\/3/,
    ],
    [{ SCALER_SHARD: '0/0' }, 'SCALER_SHARD', /shard count must be from 1 to 1000/],
    [{ SCALER_SHARD: 'one' }, 'SCALER_SHARD', /"one" is not a shard; use <i>\/<n> such as 0\/3/],
    [{ SCALER_SHARD: '-1/3' }, 'SCALER_SHARD', /"-1\/3" is not a shard/],
    [{ SCALER_SHARD: '1/3', SCALER_SHARDS: '4' }, 'SCALER_SHARDS', /"4" disagrees with SCALER_SHARD=1\/3/],
    [
      { SCALER_SHARDS: '3' },
      'SCALER_SHARDS',
      /is set \("3"\) but SCALER_SHARD is not: set SCALER_SHARD=auto/,
    ],
    [
      { SCALER_SHARD: 'auto', JOB_COMPLETION_INDEX: '0' },
      'SCALER_SHARDS',
      /SCALER_SHARD=auto needs the number of shards/,
    ],
    [
      { SCALER_SHARD: 'auto', SCALER_SHARDS: '3' },
      'JOB_COMPLETION_INDEX',
      /completionMode: Indexed.*SCALER_SHARD=<i>\/<n>/,
    ],
    [
      { SCALER_SHARD: 'auto', SCALER_SHARDS: '3', JOB_COMPLETION_INDEX: '3' },
      'JOB_COMPLETION_INDEX',
      /"3" is not an integer from 0 to 2/,
    ],
    [
      { SCALER_SHARD: 'auto', SCALER_SHARDS: 'x', JOB_COMPLETION_INDEX: '0' },
      'SCALER_SHARDS',
      /"x" is not an integer from 1 to 1000/,
    ],
  ])('%j is a problem of %s', (env, path, message) => {
    const { issues } = read(env);
    expect(issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});
