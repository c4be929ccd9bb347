import { describe, expect, it } from 'vitest';
import { type ChaosRunResult, summarize, summaryLine } from './run-chaos.js';

const run = (index: number, violations: string[] = []): ChaosRunResult => ({
  index,
  seed: index,
  mode: 'library',
  faults: 2,
  kinds: {},
  violations,
  notes: [],
  durationInMs: 1,
});

describe('the chaos summary', () => {
  it('counts an unhandled rejection as an invariant violation, so the suite fails', () => {
    const summary = summarize(
      [run(1), run(0, ['converged: x'])],
      ['AuthenticationError: the federated token file does not exist'],
    );
    expect(summary).toMatchObject({ runs: 2, faults: 4, violations: 2 });
    expect(summary.results.map((r) => r.index)).toEqual([0, 1]);
    expect(summaryLine(summary)).toBe('chaos: 2 runs, 4 faults injected, 2 invariant violations');
    expect(summarize([run(0)], []).violations).toBe(0);
  });
});
