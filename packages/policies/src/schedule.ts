import { formatDuration } from '@aks-scaler/core/common';
import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import type { PoolTarget } from './pool-target.js';
import type { ParsedSchedule } from './schedule-schema.js';
import { tryParseWhen, type WhenWindow, windowContains } from './when.js';

/** Which targets a schedule asks for at one instant, and which rule gave each. */
export interface ScheduleResolution {
  /** Pool -> target (a count, `stop` or an autoscaler range) and the reason the schedule gives for it. */
  readonly pools: Map<string, { target: PoolTarget; reason: string; rule: string }>;
}

interface CompiledRule {
  readonly label: string;
  readonly counts: ReadonlyArray<readonly [string, PoolTarget]>;
  readonly cron?: { readonly cron: Cron; readonly durationInMs: number };
  active(ms: number, localMs: number): string | undefined;
}

/** A schedule turned into matchers. */
export interface CompiledSchedule {
  /** The schedule's timezone. */
  readonly timezone: string;
  /** Resolves the counts at an instant (milliseconds since the epoch). */
  resolve(ms: number): ScheduleResolution;
  /** Instants (ms) in `[fromMs, toMs]` at which a cron rule starts or stops being active. */
  cronEdges(fromMs: number, toMs: number): number[];
}

/**
 * Turns a validated schedule (see `parseSchedule`, or a parsed config) into matchers. It does not validate again:
 * the schema checked every window, cron expression and timezone.
 */
export function compileSchedule(schedule: ParsedSchedule): CompiledSchedule {
  const zone = IANAZone.create(schedule.timezone);
  const timezone = zone.name;
  const rules = schedule.rules.map((rule, index) => compileRule(rule, index, timezone));
  const otherwise = Object.entries(schedule.otherwise ?? {});
  const otherwiseReason = `schedule otherwise: no rule matched (${timezone})`;
  return {
    timezone,
    resolve(ms) {
      const localMs = ms + zone.offset(ms) * 60_000;
      const pools = new Map<string, { target: PoolTarget; reason: string; rule: string }>();
      for (const rule of rules) {
        const reason = rule.active(ms, localMs);
        if (reason === undefined) continue;
        for (const [pool, target] of rule.counts) {
          if (!pools.has(pool)) pools.set(pool, { target, reason, rule: rule.label });
        }
      }
      for (const [pool, target] of otherwise) {
        if (!pools.has(pool)) pools.set(pool, { target, reason: otherwiseReason, rule: 'otherwise' });
      }
      return { pools };
    },
    cronEdges(fromMs, toMs) {
      const edges: number[] = [];
      for (const { cron } of rules) {
        if (!cron) continue;
        let fire = cron.cron.nextRun(new Date(fromMs - cron.durationInMs));
        for (let n = 0; fire && fire.getTime() <= toMs && n < 100_000; n++) {
          edges.push(fire.getTime(), fire.getTime() + cron.durationInMs);
          fire = cron.cron.nextRun(fire);
        }
      }
      return edges.filter((edge) => edge >= fromMs && edge <= toMs);
    },
  };
}

function compileRule(rule: ParsedSchedule['rules'][number], index: number, timezone: string): CompiledRule {
  const counts = Object.entries(rule.counts);
  if (rule.when !== undefined) {
    const window = tryParseWhen(rule.when) as WhenWindow;
    const label = `rule ${index + 1} '${rule.when.trim()}'`;
    const reason = `schedule ${label} (${timezone})`;
    return {
      label,
      counts,
      active: (_ms, localMs) => (windowContains(window, localMs) ? reason : undefined),
    };
  }
  const text = rule.cron as string;
  const durationInMs = rule.duration as number;
  const cron = new Cron(text, { timezone, paused: true, mode: '5-or-6-parts' });
  const label = `rule ${index + 1} cron '${text.trim()}' for ${formatDuration(durationInMs)}`;
  return {
    label,
    counts,
    cron: { cron, durationInMs },
    active(ms) {
      const fire = cron.previousRuns(1, new Date(Math.floor(ms / 1000) * 1000 + 1000))[0];
      if (!fire || ms - fire.getTime() >= durationInMs) return undefined;
      return `schedule ${label}, fired ${fire.toISOString()} (${timezone})`;
    },
  };
}
