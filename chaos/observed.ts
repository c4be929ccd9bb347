import type { PerturbationKind } from './scenario.js';

/** One pool's line of a reconcile report, as the library returns it or the pod logs it. */
export interface ObservedPool {
  pool: string;
  from: number;
  to: number;
  action: string;
  outcome: string;
  reason: string;
  error?: { code: string; message: string };
  operations?: string[];
  bounds?: { minCount: number; maxCount: number };
}

/** A reconcile report as observed (library return value or the pod's summary log object). */
export interface ObservedReport {
  ok: boolean;
  dryRun: boolean;
  pools: ObservedPool[];
}

/** One reconciling process (the library call, or one pod process) and what it reported. */
export interface ProcessRecord {
  /** `library`, `pod`, or `pod (restart)`. */
  label: string;
  /** Wall-clock window (the emulator runs on the real clock). */
  startedAt: number;
  endedAt: number;
  /** Pools in scope for this process: named by a decision and present when it started. */
  scope: string[];
  report?: ObservedReport;
  /** What stopped the whole reconcile: the library's thrown error, or the pod's `reconcile failed` log. */
  failure?: { code: string; message: string };
  /** The pod's fatal configuration log, if any. */
  configFailure?: boolean;
  /** The pod's exit code (`null` when killed). */
  exitCode?: number | null;
  /** The signal the harness sent it. */
  signalled?: 'SIGTERM' | 'SIGKILL';
  /** The pod's stderr. */
  stderr?: string;
}

/** A perturbation that was applied, and when. */
export interface AppliedPerturbation {
  kind: PerturbationKind;
  pool?: string;
  at: number;
}
