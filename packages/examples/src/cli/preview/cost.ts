import type { PoolUsage } from './savings.js';

/** The price row a pool's price came from, so a reader can check it against the Azure pricing page. */
export interface PriceRowSummary {
  /** e.g. `D2s v5`. */
  skuName: string;
  /** e.g. `D2s v5`. */
  meterName: string;
  /** e.g. `Virtual Machines DSv5 Series`. */
  productName: string;
  /** When the price took effect (ISO 8601). */
  effectiveStartDate: string;
}

/** A pool's price per node-hour, or why it has none (never a price of 0). */
export type PoolPricing =
  | { vmSize: string; hourlyPrice: number; currency: string; row: PriceRowSummary }
  | { vmSize?: string; missing: string };

/** The cost fields of one pool (all absent without prices). */
export interface PoolCost {
  /** The pool's VM size. */
  vmSize?: string;
  /** Retail price of one node for one hour (pay-as-you-go, Linux). */
  hourlyPrice?: number;
  /** The prices' currency, e.g. `USD`. */
  currency?: string;
  /** `nodeHours * hourlyPrice`, to the cent. */
  cost?: number;
  /** `baselineNodeHours * hourlyPrice`, to the cent. */
  baselineCost?: number;
  /** `baselineCost - cost`. */
  savedCost?: number;
  /** The row the price came from. */
  priceRow?: PriceRowSummary;
  /** Why the pool has no price (its VM size has no matching row); then it has no cost fields. */
  priceMissing?: string;
}

/** The cost fields of the total: present only when every pool has a price. */
export interface TotalCost {
  /** The prices' currency. */
  currency?: string;
  /** Sum of the pools' cost. */
  cost?: number;
  /** Sum of the pools' baseline cost. */
  baselineCost?: number;
  /** Sum of the pools' saved cost. */
  savedCost?: number;
  /** The pools without a price, which leave the total without a cost. */
  unpricedPools?: string[];
}

const HOUR_IN_MS = 3_600_000;

/** A pool's cost from its exact node-milliseconds and its price. */
export function poolCost(usage: PoolUsage, pricing: PoolPricing): PoolCost {
  if ('missing' in pricing) {
    return { ...(pricing.vmSize !== undefined && { vmSize: pricing.vmSize }), priceMissing: pricing.missing };
  }
  const cost = cents((usage.nodeMs / HOUR_IN_MS) * pricing.hourlyPrice);
  const baselineCost = cents((usage.baselineNodeMs / HOUR_IN_MS) * pricing.hourlyPrice);
  return {
    vmSize: pricing.vmSize,
    hourlyPrice: pricing.hourlyPrice,
    currency: pricing.currency,
    cost,
    baselineCost,
    savedCost: cents(baselineCost - cost),
    priceRow: pricing.row,
  };
}

/** The total cost of priced pools, or the list of pools without a price. */
export function totalCost(pools: ReadonlyArray<PoolCost & { pool: string }>): TotalCost {
  const unpriced = pools.filter((p) => p.cost === undefined).map((p) => p.pool);
  if (unpriced.length > 0) return { unpricedPools: unpriced };
  const sum = (pick: (p: PoolCost) => number | undefined) =>
    cents(pools.reduce((t, p) => t + (pick(p) ?? 0), 0));
  const cost = sum((p) => p.cost);
  const baselineCost = sum((p) => p.baselineCost);
  return {
    ...(pools[0]?.currency !== undefined && { currency: pools[0].currency }),
    cost,
    baselineCost,
    savedCost: cents(baselineCost - cost),
  };
}

function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
