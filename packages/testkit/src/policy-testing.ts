import type { Clock, ClusterRef, NodePool, Policy, PoolDecision } from '@aks-scaler/core';
import { describeTarget, targetKind } from '@aks-scaler/core/common';
import { AbortedError, ConfigError } from '@aks-scaler/core/errors';
import type { EmulatorClock } from './emulator/types.js';
import { DEFAULT_TEST_CLUSTER, nodePool } from './pool-builder.js';

/** A clock for tests: time moves only when the test says so. */
export interface FakeClock {
  /** The current fake instant (a fresh `Date` each call). */
  now(): Date;
  /** Moves the clock forward by `ms` (negative moves it back), wakes the sleeps now due, returns the new instant. */
  advance(ms: number): Date;
  /** Jumps to an instant, wakes the sleeps now due, and returns it. */
  set(iso: string | Date): Date;
  /**
   * Resolves once the clock has been moved `ms` past the current instant (by `advance` or `set`); rejects with
   * `AbortedError` when `abortSignal` aborts first. Nothing waits on the wall clock.
   */
  sleep(ms: number, abortSignal?: AbortSignal): Promise<void>;
  /** Sleeps not woken yet. */
  readonly pendingSleeps: number;
  /**
   * The same clock as aks-scaler's `Clock` (`now()` in epoch milliseconds, and `sleep`), which is also an
   * emulator clock: pass it to `reconcile({ clock })`, `createNodePoolClient({ clock })`,
   * `new FakeNodePoolClient({ clock })` or `startEmulator({ clock })` to run all of them on one fake time.
   */
  readonly clock: Clock & EmulatorClock;
}

/** A pool for {@link evaluateAt}: a full `NodePool`, or a name plus the fields that matter to the test. */
export type PoolSpec = NodePool | (Partial<NodePool> & { name: string });

/** Options of {@link evaluateAt}. */
export interface EvaluateAtOptions {
  /** Passed to the policy as `ctx.abortSignal`. */
  abortSignal?: AbortSignal | undefined;
}

/**
 * Parses an ISO 8601 instant that names its offset (`Z` or `+01:00`), so tests never depend on the machine's
 * timezone. Anything else throws a `ConfigError`.
 */
export function parseInstant(iso: string | Date): Date {
  if (iso instanceof Date) {
    if (Number.isNaN(iso.getTime())) throw new ConfigError('Invalid Date given as a test instant.');
    return new Date(iso.getTime());
  }
  const ms =
    typeof iso === 'string' && /(Z|[+-]\d{2}:?\d{2})$/i.test(iso.trim()) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ConfigError(
      `${JSON.stringify(iso)} is not an ISO 8601 instant with an offset: write e.g. '2026-11-30T07:30:00+01:00' or '2026-11-30T06:30:00Z'.`,
    );
  }
  return new Date(ms);
}

/**
 * A fake clock starting at `iso`. Pass `clock.clock` wherever aks-scaler takes a `Clock` (e.g.
 * `reconcile({ clock: clock.clock })`), or `clock.now` where it takes the older `now: () => Date`.
 *
 * @example
 * ```ts
 * const clock = fakeClock('2026-11-30T07:00:00Z');
 * clock.advance(30 * 60_000);
 * clock.now().toISOString(); // '2026-11-30T07:30:00.000Z'
 * ```
 */
export function fakeClock(iso: string | Date): FakeClock {
  let current = parseInstant(iso).getTime();
  const sleeps = new Set<{ at: number; wake: () => void }>();
  const wakeDue = () => {
    const due = [...sleeps].filter((s) => s.at <= current).sort((a, b) => a.at - b.at);
    for (const entry of due) {
      sleeps.delete(entry);
      entry.wake();
    }
  };
  const sleep = (ms: number, abortSignal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (abortSignal?.aborted) return reject(new AbortedError());
      const onAbort = () => {
        sleeps.delete(entry);
        reject(new AbortedError());
      };
      const entry = {
        at: current + Math.max(0, ms),
        wake: () => {
          abortSignal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      abortSignal?.addEventListener('abort', onAbort, { once: true });
      sleeps.add(entry);
    });
  return {
    now: () => new Date(current),
    advance(ms: number) {
      if (!Number.isFinite(ms))
        throw new ConfigError(`advance() needs a finite number of milliseconds, got ${ms}.`);
      current += ms;
      wakeDue();
      return new Date(current);
    },
    set(next: string | Date) {
      current = parseInstant(next).getTime();
      wakeDue();
      return new Date(current);
    },
    sleep,
    get pendingSleeps() {
      return sleeps.size;
    },
    clock: { now: () => current, sleep },
  };
}

/**
 * Evaluates a policy at an instant against the given pools, as `reconcile` would, and checks the `Policy`
 * contract on the way: decisions name each pool at most once, counts are integers >= 0, and every decision has a
 * reason. A violation throws a `TypeError` that says which.
 *
 * `pools` is a list of pools (built with `nodePool`, so `{ name, count }` is enough) or a map of pool name -> current
 * count.
 *
 * @example
 * ```ts
 * const decisions = await evaluateAt(policy, '2026-11-30T07:30:00+01:00', { manualpool2: 1 });
 * expect(countsOf(decisions)).toEqual({ manualpool2: 10 });
 * ```
 */
export async function evaluateAt(
  policy: Policy,
  isoInstant: string | Date,
  pools: readonly PoolSpec[] | Readonly<Record<string, number>> = [],
  cluster: ClusterRef = DEFAULT_TEST_CLUSTER,
  options: EvaluateAtOptions = {},
): Promise<PoolDecision[]> {
  const now = parseInstant(isoInstant);
  const specs: PoolSpec[] = Array.isArray(pools)
    ? [...(pools as readonly PoolSpec[])]
    : Object.entries(pools).map(([name, count]) => ({ name, count }));
  const built = specs.map((spec) => nodePool({ cluster, ...spec }));
  const decisions = await policy.evaluate({ now, cluster, pools: built, abortSignal: options.abortSignal });
  checkDecisions(policy.name, decisions);
  return decisions;
}

/** The decisions that give a count, as a pool name -> count map, handy for `toEqual`. */
export function countsOf(decisions: readonly PoolDecision[]): Record<string, number> {
  return Object.fromEntries(
    decisions.flatMap((decision) => (decision.count === undefined ? [] : [[decision.pool, decision.count]])),
  );
}

/**
 * Every decision's target as a pool name -> text map, in the words of `plan` (`5`, `stop`, `2..10`, `start, 3`),
 * handy for `toEqual` when a policy stops pools or sets autoscaler ranges.
 *
 * @example
 * ```ts
 * expect(targetsOf(await evaluateAt(policy, '2026-11-30T23:00:00Z'))).toEqual({ batch: 'stop', web: '1..4' });
 * ```
 */
export function targetsOf(decisions: readonly PoolDecision[]): Record<string, string> {
  return Object.fromEntries(decisions.map((decision) => [decision.pool, describeTarget(decision)]));
}

function checkDecisions(name: string, decisions: unknown): void {
  if (!Array.isArray(decisions))
    throw new TypeError(`Policy '${name}' returned ${typeof decisions}, not an array of decisions.`);
  const seen = new Set<string>();
  for (const decision of decisions as PoolDecision[]) {
    const where = `Policy '${name}' decision ${JSON.stringify(decision)}`;
    if (typeof decision?.pool !== 'string' || decision.pool === '')
      throw new TypeError(`${where} has no pool name.`);
    if (seen.has(decision.pool))
      throw new TypeError(`Policy '${name}' decided pool '${decision.pool}' more than once.`);
    seen.add(decision.pool);
    if (targetKind(decision) === 'none') {
      throw new TypeError(
        `${where} has no single target; give a count, power 'Stopped' or an autoscaler range (power 'Running' may come with a count).`,
      );
    }
    if (decision.count !== undefined && (!Number.isInteger(decision.count) || decision.count < 0)) {
      throw new TypeError(`${where} has count ${decision.count}; counts are integers >= 0.`);
    }
    const range = decision.autoscaler;
    if (
      range !== undefined &&
      !(
        Number.isInteger(range.minCount) &&
        Number.isInteger(range.maxCount) &&
        range.minCount >= 0 &&
        range.minCount <= range.maxCount
      )
    ) {
      throw new TypeError(
        `${where} has autoscaler range ${range.minCount}..${range.maxCount}; use integers with 0 <= min <= max.`,
      );
    }
    if (typeof decision.reason !== 'string' || decision.reason.trim() === '') {
      throw new TypeError(`${where} has no reason; say why, operators read it in logs and plans.`);
    }
  }
}
