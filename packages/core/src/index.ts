export {
  AbortedError,
  ArmRequestError,
  AuthenticationError,
  AuthorizationError,
  ClusterNotFoundError,
  ConfigError,
  type ConfigIssue,
  isScalerError,
  OperationConflictError,
  OperationFailedError,
  OperationTimeoutError,
  PoolNotFoundError,
  ScalerError,
  type ScalerErrorCode,
  type ScalerErrorOptions,
  ThrottledError,
} from './errors.js';
export type { ScalerEvent, ScalerEventBase, ScalerEventType } from './events.js';
export type { NodePoolClient, WriteOptions } from './node-pool-client.js';
export type { PlanAction, PoolOutcome, PoolReport, ReconcileReport } from './report.js';
export {
  type ClusterRef,
  isTerminalProvisioningState,
  type NodePool,
  type Policy,
  type PolicyContext,
  type PoolDecision,
  TERMINAL_PROVISIONING_STATES,
} from './types.js';
