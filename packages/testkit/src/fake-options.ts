import type { Clock, NodePool } from '@aks-scaler/core';
import type { FakeClusterSpec } from './fake-clusters.js';
import type { FakeOperation } from './fake-faults.js';

/** Options of `FakeNodePoolClient`. */
export interface FakeNodePoolClientOptions {
  /** The pools it starts with (clusters are taken from each pool's `cluster`). */
  pools?: readonly NodePool[] | undefined;
  /**
   * What `getCluster` reports about clusters (location, tags, state). A cluster with pools but no spec is in
   * `westeurope` with no tags.
   */
  clusters?: readonly FakeClusterSpec[] | undefined;
  /**
   * How long each write runs, fixed or per operation.
   * @default 0
   */
  operationDurationInMs?: number | ((operation: FakeOperation) => number) | undefined;
  /**
   * The clock whose `sleep` the fake waits on (operations, `busy` faults, `settleAfterInMs`), e.g. a testkit
   * `fakeClock(...).clock` or the same clock given to `reconcile`.
   * @default Node's timers
   */
  clock?: Clock | undefined;
  /**
   * The older form of `clock`: how the fake waits. Replaces `clock.sleep` when given.
   * @default clock.sleep, else Node's timers
   */
  sleep?: ((ms: number, abortSignal?: AbortSignal) => Promise<void>) | undefined;
}
