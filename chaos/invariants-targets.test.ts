import type { PoolDecision } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { clean, operation, pool, put, scenario, write } from './invariant-fixture.js';
import { checkInvariants, type RunEvidence } from './invariants.js';

// A run that stops the autoscaler pool auto1 (its autoscaler paused, count 0), as a stop decision asks.
const AUTO = { count: 2, mode: 'User', enableAutoScaling: true, minCount: 1, maxCount: 5 };
const STOPPED = { count: 0, mode: 'User', enableAutoScaling: false, powerState: { code: 'Stopped' } };

function stopRun(decision: Omit<PoolDecision, 'pool' | 'reason'> | undefined): RunEvidence {
  const evidence = clean();
  const decisions = evidence.scenario.decisions.filter((d) => d.pool !== 'auto1');
  evidence.scenario = {
    ...scenario,
    decisions: decision ? [...decisions, { pool: 'auto1', reason: 'r', ...decision }] : decisions,
  };
  evidence.requests = [...evidence.requests, put(1500, 'auto1')];
  evidence.history = [...evidence.history, write(1500, 'auto1', AUTO, STOPPED)];
  evidence.operations = [...evidence.operations, operation('b', 'auto1', 1500, 1510)];
  evidence.finalPools = evidence.finalPools.map((p) =>
    p.name === 'auto1' ? pool('auto1', { count: 0, powerState: 'Stopped', eTag: '"auto1-2"' }) : p,
  );
  const report = evidence.processes[0]!.report!;
  report.pools = report.pools.map((p) =>
    p.pool === 'auto1' ? { ...p, from: 2, to: 0, action: 'stop', outcome: 'succeeded', reason: 'stop' } : p,
  );
  return evidence;
}

const kinds = (list: string[]) => [...new Set(list.map((v) => v.split(':')[0]))];

describe('chaos invariants: stops, starts and autoscaler ranges', () => {
  it('let a stop decision stop an autoscaler pool, which pauses its autoscaler and shows count 0', () => {
    expect(checkInvariants(stopRun({ power: 'Stopped' }))).toEqual([]);
  });

  it('still catch a stop no decision asked for, and the autoscaler turned off without a stop', () => {
    expect(kinds(checkInvariants(stopRun(undefined)))).toContain('power');
    const off = stopRun({ power: 'Stopped' });
    off.history = [off.history[0]!, write(1500, 'auto1', AUTO, { ...AUTO, enableAutoScaling: false })];
    off.finalPools = off.finalPools.map((p) =>
      p.name === 'auto1' ? { ...p, powerState: 'Running', count: 2 } : p,
    );
    expect(checkInvariants(off)).toContain(
      "autoscaler: a write turned the autoscaler of 'auto1' off without stopping the pool",
    );
  });

  it('let stopAtZero stop a pool whose count clamps to 0, and only that', () => {
    const atZero = (count: number) => {
      const evidence = stopRun({ count });
      evidence.scenario = { ...evidence.scenario, stopAtZero: true };
      return kinds(checkInvariants(evidence));
    };
    expect(atZero(-3)).not.toContain('power');
    expect(atZero(0)).not.toContain('power');
    expect(atZero(2)).toContain('power');
  });

  it('let a start give a pool back the autoscaler it had, and catch a start nothing asked for', () => {
    const started = (decision: Omit<PoolDecision, 'pool' | 'reason'> | undefined) => {
      const evidence = stopRun({ power: 'Stopped' });
      evidence.scenario = {
        ...evidence.scenario,
        pools: [{ name: 'auto1', mode: 'User', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 }],
        decisions: [
          ...evidence.scenario.decisions.filter((d) => d.pool !== 'auto1'),
          ...(decision ? [{ pool: 'auto1', reason: 'r', ...decision }] : []),
        ],
      };
      evidence.initialPools = evidence.initialPools.map((p) =>
        p.name === 'auto1' ? pool('auto1', { count: 0, powerState: 'Stopped' }) : p,
      );
      evidence.history = [
        evidence.history[0]!,
        write(1500, 'auto1', STOPPED, { ...AUTO, powerState: { code: 'Running' } }),
      ];
      evidence.finalPools = evidence.finalPools.map((p) =>
        p.name === 'auto1' ? { ...p, ...AUTO, powerState: 'Running', eTag: '"auto1-2"' } : p,
      );
      const report = evidence.processes[0]!.report!;
      report.pools = report.pools.map((p) =>
        p.pool === 'auto1' ? { ...p, from: 0, to: 2, action: 'start' } : p,
      );
      if (!decision) evidence.processes[0]!.scope = ['user1', 'system1'];
      if (!decision) report.pools = report.pools.filter((p) => p.pool !== 'auto1');
      return evidence;
    };
    expect(checkInvariants(started({ power: 'Running' }))).toEqual([]);
    expect(kinds(checkInvariants(started(undefined)))).toEqual(['scope', 'power']);
  });

  it('catch autoscaler bounds written without a valid range or bounds mode', () => {
    const rangeRun = (range: { minCount: number; maxCount: number }) => {
      const evidence = clean();
      evidence.scenario = {
        ...scenario,
        decisions: [
          ...scenario.decisions.filter((d) => d.pool !== 'auto1'),
          { pool: 'auto1', autoscaler: range, reason: 'r' },
        ],
      };
      evidence.requests = [...evidence.requests, put(1500, 'auto1')];
      evidence.history = [
        ...evidence.history,
        write(1500, 'auto1', AUTO, { ...AUTO, minCount: 2, maxCount: 6 }),
      ];
      evidence.operations = [...evidence.operations, operation('b', 'auto1', 1500, 1510)];
      evidence.finalPools = evidence.finalPools.map((p) =>
        p.name === 'auto1' ? { ...p, minCount: 2, maxCount: 6, eTag: '"auto1-2"' } : p,
      );
      const report = evidence.processes[0]!.report!;
      report.pools = report.pools.map((p) =>
        p.pool === 'auto1'
          ? { ...p, action: 'bounds', outcome: 'succeeded', bounds: { minCount: 2, maxCount: 6 }, to: 1 }
          : p,
      );
      return evidence;
    };
    expect(checkInvariants(rangeRun({ minCount: 2, maxCount: 6 }))).toEqual([]);
    // A range with min above max is no target: the pool is an autoscaler pool left to autoscalerPools skip.
    expect(checkInvariants(rangeRun({ minCount: 6, maxCount: 2 }))).toEqual([
      "autoscaler: autoscaler pool 'auto1' written although autoscalerPools is skip",
      "range: autoscaler bounds of 'auto1' written without a valid range or bounds mode",
    ]);
  });
});
