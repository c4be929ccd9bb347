/**
 * What the seed's `NODE_POOLS_AMOUNT` needs and nothing more: its parser, its policy and the pools' override tags
 * over it (`withTagOverrides`), without the schema
 * library the declarative config is validated with, so a process that takes its counts from the variable starts
 * with less memory (`import { fromNodePoolsAmount } from '@aks-scaler/policies/node-pools-amount'`).
 * @module
 */

export { withTagOverrides } from './create-overrides.js';
export { parseNodePoolsAmount } from './node-pools-amount.js';
export { fromNodePoolsAmount, type StaticPolicyOptions } from './node-pools-amount-policy.js';
