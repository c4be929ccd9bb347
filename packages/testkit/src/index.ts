export { DEFAULT_TEST_CLUSTER, nodePool } from './pool-builder.js';
