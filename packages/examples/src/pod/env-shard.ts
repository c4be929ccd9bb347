import type { ValueReader } from './env-values.js';

/** The most shards a fleet may be split into (`SCALER_SHARDS`, the `n` of `SCALER_SHARD=<i>/<n>`). */
export const MAX_SHARDS = 1000;

/** Which share of the clusters this process takes: those whose subscription hashes to shard `index` of `count`. */
export interface ShardSettings {
  /** This process's shard, 0 to `count - 1`. */
  index: number;
  /** How many shards there are. */
  count: number;
  /** Where `index` came from: `SCALER_SHARD=<i>/<n>`, or `JOB_COMPLETION_INDEX` with `SCALER_SHARD=auto`. */
  from: 'SCALER_SHARD' | 'JOB_COMPLETION_INDEX';
}

const EXPLICIT = /^(\d+)\s*\/\s*(\d+)$/;

/**
 * Reads `SCALER_SHARD` (`<i>/<n>`, or `auto`: the shard is `JOB_COMPLETION_INDEX`, the completion index of an
 * Indexed Job, of `SCALER_SHARDS` shards). Unset means no sharding: this process takes every cluster. Every
 * problem names its variable.
 */
export function readShard(read: ValueReader): ShardSettings | undefined {
  const { names } = read;
  const shardName = names.nameOf('SCALER_SHARD');
  const shard = read.text('SCALER_SHARD');
  const shardsText = read.text('SCALER_SHARDS');
  if (shard === undefined) {
    if (shardsText !== undefined) {
      read.issue(
        names.nameOf('SCALER_SHARDS'),
        `is set (${JSON.stringify(shardsText)}) but SCALER_SHARD is not: set SCALER_SHARD=auto in an Indexed Job, or SCALER_SHARD=<i>/<n>; without SCALER_SHARD the process takes every cluster.`,
      );
    }
    return undefined;
  }
  if (shard.toLowerCase() === 'auto') return readAutoShard(read);
  const match = EXPLICIT.exec(shard);
  if (!match) {
    read.issue(
      shardName,
      `${JSON.stringify(shard)} is not a shard; use <i>/<n> such as 0/3 (shard i of n, counted from 0), or auto in an Indexed Job (with SCALER_SHARDS=<n>).`,
    );
    return undefined;
  }
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) {
    read.issue(shardName, `${JSON.stringify(shard)}: the shard count must be from 1 to ${MAX_SHARDS}.`);
    return undefined;
  }
  if (index >= count) {
    read.issue(
      shardName,
      `${JSON.stringify(shard)}: shards are counted from 0, so shard ${index} of ${count} does not exist; use 0/${count} to ${count - 1}/${count}.`,
    );
    return undefined;
  }
  if (shardsText !== undefined && shardsText !== String(count)) {
    read.issue(
      names.nameOf('SCALER_SHARDS'),
      `${JSON.stringify(shardsText)} disagrees with SCALER_SHARD=${shard} (${count} shards); set one of them.`,
    );
    return undefined;
  }
  return { index, count, from: 'SCALER_SHARD' };
}

function readAutoShard(read: ValueReader): ShardSettings | undefined {
  const { names } = read;
  const shardsText = read.text('SCALER_SHARDS');
  if (shardsText === undefined) {
    read.issue(
      names.missingPath('SCALER_SHARDS'),
      'is not set: SCALER_SHARD=auto needs the number of shards, the completions of the Indexed Job (e.g. SCALER_SHARDS=3).',
    );
    return undefined;
  }
  const count = read.integer('SCALER_SHARDS', 1, MAX_SHARDS);
  const indexText = read.text('JOB_COMPLETION_INDEX');
  if (indexText === undefined) {
    read.issue(
      names.missingPath('JOB_COMPLETION_INDEX'),
      'is not set: SCALER_SHARD=auto takes the shard from the completion index Kubernetes gives each pod of an Indexed Job (completionMode: Indexed); outside one, set SCALER_SHARD=<i>/<n>.',
    );
    return undefined;
  }
  if (count === undefined) return undefined;
  const index = read.integer('JOB_COMPLETION_INDEX', 0, count - 1);
  if (index === undefined) return undefined;
  return { index, count, from: 'JOB_COMPLETION_INDEX' };
}
