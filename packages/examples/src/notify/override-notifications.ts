import { poolKey } from '@aks-scaler/core/common';
import { parseOverrideTarget } from '@aks-scaler/policies';
import type { PodEvent } from '../pod/pod-events.js';
import type { OverrideNotification, OverrideTarget } from './notification.js';

type OverrideEvent = Extract<PodEvent, { kind: 'override-active' | 'override-expired' }>;

/**
 * Turns the pod's `override-active` / `override-expired` events into `override` notifications, once per change:
 * an override is announced when it becomes active and when it expires, not at every reconcile while it lasts
 * (within one process; a restarted pod announces the overrides it finds once more).
 *
 * @example
 * ```ts
 * const overrides = overrideNotifications();
 * const notification = overrides.next(event); // undefined when nothing changed
 * ```
 */
export function overrideNotifications(): { next(event: OverrideEvent): OverrideNotification | undefined } {
  const announced = new Map<string, string>();
  return {
    next(event) {
      const state = event.kind === 'override-active' ? 'active' : 'expired';
      const key = poolKey(event.cluster, event.pool);
      const what = JSON.stringify([state, event.source, event.target, event.until, event.reason]);
      if (announced.get(key) === what) return undefined;
      announced.set(key, what);
      return {
        kind: 'override',
        at: event.at,
        cluster: event.cluster,
        override: {
          pool: event.pool,
          state,
          target: targetOf(event.target),
          until: event.until,
          reason: event.reason,
          source: event.source,
        },
      };
    },
  };
}

function targetOf(text: string): OverrideTarget {
  const parsed = parseOverrideTarget(text);
  return 'target' in parsed ? parsed.target : 'pause';
}
