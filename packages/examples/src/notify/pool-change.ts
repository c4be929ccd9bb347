import type { ExistingPoolReport, PlanOperation } from '@aks-scaler/core';

/** The writes of a report entry, in order: its `operations`, or its `action` when it has none. */
function operationsOf(entry: ExistingPoolReport): PlanOperation[] {
  if (entry.operations !== undefined && entry.operations.length > 0) return entry.operations;
  const action = entry.action as string;
  return ['scale', 'start', 'stop', 'bounds'].includes(action) ? [action as PlanOperation] : [];
}

function phrase(operation: PlanOperation, entry: ExistingPoolReport, done: boolean): string {
  switch (operation) {
    case 'start':
      return done ? 'started' : 'start';
    case 'stop':
      return done ? 'stopped' : 'stop';
    case 'bounds': {
      const range = entry.bounds ? ` to ${entry.bounds.minCount}-${entry.bounds.maxCount}` : '';
      return done ? `autoscaler range set${range}` : `set the autoscaler range${range}`;
    }
    default: {
      const direction = entry.to > entry.from ? ' up' : entry.to < entry.from ? ' down' : '';
      const verb = done ? 'scaled' : 'scale';
      return `${verb}${direction} ${entry.from} → ${entry.to} node${entry.to === 1 ? '' : 's'}`;
    }
  }
}

/**
 * What happened to a pool, in words: `scaled up 1 → 10 nodes`, `stopped`, `started and scaled up 0 → 3 nodes`,
 * `autoscaler range set to 2-10`; with `done: false`, what was tried: `scale up 1 → 10 nodes`.
 */
export function poolChangeText(entry: ExistingPoolReport, options: { done: boolean }): string {
  const operations = operationsOf(entry);
  if (operations.length === 0) return options.done ? 'changed' : 'change';
  return operations.map((operation) => phrase(operation, entry, options.done)).join(' and ');
}
