export {
  type FakeFault,
  FakeNodePoolClient,
  type FakeNodePoolClientOptions,
  type FakeOperation,
  type FakeOperationKind,
} from './fake-node-pool-client.js';
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
