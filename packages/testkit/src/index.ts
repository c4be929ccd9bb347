export type { AccessTokenCheck, Principal } from './emulator/access-tokens.js';
export { DEMO_CLUSTER } from './emulator/demo-cluster.js';
export {
  type EmulatorTarget,
  FaultController,
  type FaultHandle,
  type FaultKind,
  type FaultMatch,
  type FaultRequest,
  type FaultSpec,
  type RandomFaultOptions,
  type TriggeredFault,
} from './emulator/faults.js';
export type { EmulatorOperation, OperationStatus } from './emulator/operations.js';
export type { RequestLogEntry } from './emulator/request-log.js';
export {
  DEFAULT_CLIENT_ID,
  DEFAULT_SUBSCRIPTION_ID,
  DEFAULT_TENANT_ID,
  startEmulator,
} from './emulator/start-emulator.js';
export type {
  ClusterOperationOptions,
  EmulatorPoolSnapshot,
  EmulatorState,
  OperationOutcome,
  PoolWriteRecord,
} from './emulator/state-types.js';
export type {
  Emulator,
  EmulatorClock,
  EmulatorClusterSpec,
  EmulatorIdentity,
  EmulatorOptions,
  EmulatorPoolSpec,
  OperationDuration,
  ServiceAccountTokenOptions,
  ThrottlingOptions,
  TokenBucketSpec,
  WorkloadIdentityEnvOptions,
} from './emulator/types.js';
export type { FakeClusterSpec } from './fake-clusters.js';
export type { FakeFault, FakeOperation, FakeOperationKind } from './fake-faults.js';
export { FakeNodePoolClient } from './fake-node-pool-client.js';
export type { FakeNodePoolClientOptions } from './fake-options.js';
export {
  countsOf,
  type EvaluateAtOptions,
  evaluateAt,
  type FakeClock,
  fakeClock,
  type PoolSpec,
  parseInstant,
} from './policy-testing.js';
export { DEFAULT_TEST_CLUSTER, nodePool } from './pool-builder.js';
export {
  runStandaloneEmulator,
  type StandaloneEmulatorInfo,
  type StandaloneEmulatorOptions,
} from './standalone.js';
