export {
  type FakeFault,
  FakeNodePoolClient,
  type FakeNodePoolClientOptions,
  type FakeOperation,
  type FakeOperationKind,
} from './fake-node-pool-client.js';
export { DEFAULT_TEST_CLUSTER, nodePool } from './pool-builder.js';
