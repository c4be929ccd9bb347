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
  EmulatorClusterSnapshot,
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
  ManualScaleProfile,
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
  type InClusterFiles,
  type InClusterFilesOptions,
  type KubeconfigOptions,
  SERVICE_ACCOUNT_DIR,
} from './kubernetes/client-files.js';
export {
  type KubernetesDownOptions,
  KubernetesFaultController,
  type KubernetesFaultKind,
  type KubernetesFaultMatch,
  type KubernetesFaultSpec,
  type KubernetesRandomFaultOptions,
  type KubernetesTriggeredFault,
} from './kubernetes/faults.js';
export type {
  KubernetesObject,
  KubernetesObjectMeta,
  KubernetesResource,
  StoredConfigMap,
  StoredEvent,
  StoredLease,
  StoredObject,
  StoredObjectOf,
} from './kubernetes/objects.js';
export type { KubernetesRequestLogEntry } from './kubernetes/request-log.js';
export { DEFAULT_NAMESPACES, startKubernetesEmulator } from './kubernetes/start-kubernetes-emulator.js';
export type { KubernetesState, LeaseTakeoverOptions } from './kubernetes/store.js';
export { formatMicroTime } from './kubernetes/times.js';
export type {
  KubernetesPolicyRule,
  KubernetesRoleManifest,
  KubernetesTokenOptions,
} from './kubernetes/tokens.js';
export type { KubernetesEmulator, KubernetesEmulatorOptions } from './kubernetes/types.js';
export {
  countsOf,
  type EvaluateAtOptions,
  evaluateAt,
  type FakeClock,
  fakeClock,
  type PoolSpec,
  parseInstant,
  targetsOf,
} from './policy-testing.js';
export { DEFAULT_TEST_CLUSTER, nodePool } from './pool-builder.js';
export {
  runStandaloneEmulator,
  type StandaloneEmulatorInfo,
  type StandaloneEmulatorOptions,
} from './standalone.js';
export { parseStandaloneArgs, STANDALONE_USAGE, type StandaloneArgs } from './standalone-args.js';
