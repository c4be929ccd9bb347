import { Listr } from 'listr2';
import {
  applyProgressEvent,
  describePoolProgress,
  isFinalPhase,
  type PoolProgressState,
  type ProgressEvent,
} from './pool-progress.js';

/** A writable terminal or pipe. */
export interface DisplayStream {
  /** Writes text. */
  write(chunk: string): unknown;
  /** Whether it is a terminal (live redraws) or a pipe/file (plain lines). */
  isTTY?: boolean;
}

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  /** The pools to show from the start (others appear in plain mode as their events arrive). */
  pools: readonly string[];
  /** Where to draw. */
  out: DisplayStream;
  /** Live display on a terminal; plain lines otherwise. @default out.isTTY */
  live?: boolean;
  /** Milliseconds clock. @default performance.now */
  now?: () => number;
}

/** A per-pool progress display: from -> to, ARM state and elapsed time. */
export interface ProgressDisplay {
  /** Feeds one event. */
  update(event: ProgressEvent): void;
  /** Marks every pool still open as finished (the run ended) and waits for the display to settle. */
  close(): Promise<void>;
  /** The pools' states. */
  states(): PoolProgressState[];
}

/**
 * Creates the progress display used by `apply` and `demo`: listr2 tasks redrawn live on a terminal, or one plain
 * line per change when stdout is a pipe or a file (CI logs, `| tee`).
 */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const states = new Map<string, PoolProgressState>();
  for (const pool of options.pools) states.set(pool, { pool, phase: 'pending' });
  const width = Math.max(12, ...options.pools.map((p) => p.length));
  const live = options.live ?? options.out.isTTY === true;
  const base = { states: () => [...states.values()] };

  if (!live) {
    return {
      ...base,
      update(event) {
        const before = states.get(event.pool);
        const after = applyProgressEvent(before, event, now());
        states.set(event.pool, after);
        const changed =
          event.type === 'planned' ||
          before?.phase !== after.phase ||
          before?.provisioningState !== after.provisioningState ||
          event.type === 'retry';
        if (changed) {
          const note = event.type === 'retry' && event.reason ? ` - retry: ${event.reason}` : '';
          options.out.write(`${describePoolProgress(after, now(), width)}${note}\n`);
        }
      },
      async close() {},
    };
  }

  const waiters = new Map<string, () => void>();
  const titles = new Map<string, { title: string }>();
  const list = new Listr(
    options.pools.map((pool) => ({
      title: describePoolProgress(states.get(pool)!, now(), width),
      task: async (_: unknown, task: { title: string; skip(message?: string): void }) => {
        titles.set(pool, task);
        await new Promise<void>((resolve) => {
          if (isFinalPhase(states.get(pool)!.phase)) resolve();
          else waiters.set(pool, resolve);
        });
        const final = states.get(pool)!;
        task.title = describePoolProgress(final, now(), width);
        if (final.phase === 'skipped' || final.phase === 'unchanged') task.skip(task.title);
        if (final.phase === 'failed') throw new Error(task.title);
      },
    })),
    {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      rendererOptions: { collapseErrors: false, collapseSkips: false },
    },
  );
  const running = list.run().catch(() => {});
  const refresh = setInterval(() => {
    for (const [pool, task] of titles) task.title = describePoolProgress(states.get(pool)!, now(), width);
  }, 200);
  return {
    ...base,
    update(event) {
      const state = applyProgressEvent(states.get(event.pool), event, now());
      states.set(event.pool, state);
      const task = titles.get(event.pool);
      if (task) task.title = describePoolProgress(state, now(), width);
      if (isFinalPhase(state.phase)) waiters.get(event.pool)?.();
    },
    async close() {
      for (const [pool, state] of states) {
        if (!isFinalPhase(state.phase)) {
          states.set(pool, {
            ...state,
            phase: 'skipped',
            endedAtInMs: now(),
            note: state.note ?? 'not finished',
          });
        }
        waiters.get(pool)?.();
      }
      await running;
      clearInterval(refresh);
    },
  };
}
