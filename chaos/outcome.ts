import type { TriggeredFault } from '@aks-scaler/testkit';
import type { RunEvidence } from './invariants.js';

/** What one run leaves: the evidence for the invariants, the faults it met (by kind) and notes for the log. */
export interface RunOutcome {
  evidence: RunEvidence;
  faults: number;
  kinds: Record<string, number>;
  notes: string[];
}

/** Counts the faults a run met: request faults that hit, perturbations applied and signals sent. */
export function outcomeOf(
  evidence: RunEvidence,
  triggered: readonly TriggeredFault[],
  notes: string[],
): RunOutcome {
  const kinds: Record<string, number> = {};
  const add = (kind: string) => {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };
  for (const fault of triggered) add(fault.kind);
  for (const perturbation of evidence.perturbed) add(perturbation.kind);
  for (const process of evidence.processes) if (process.signalled) add(process.signalled);
  return { evidence, faults: Object.values(kinds).reduce((a, b) => a + b, 0), kinds, notes };
}
