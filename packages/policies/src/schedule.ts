import { parseDurationInMs } from '@aks-scaler/core/common';
import type { ConfigIssue } from '@aks-scaler/core/errors';
import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { describeValue, poolCountIssues, throwIfIssues } from './pool-counts.js';
import { tryParseWhen, type WhenWindow, windowContains } from './when.js';

/** A rule active while the local wall-clock time lies in a `when` window. */
export interface WhenRule {
  /** A window such as `Mon-Fri 07:30-20:30`, `Fri 22:00-06:00` or `2026-12-24T00:00/2026-12-27T00:00`. */
  when: string;
  /** Pool name -> node count while the rule is active. */
  counts: Record<string, number>;
}

/** A rule that becomes active when a cron expression fires (in the schedule's timezone) and stays active for `duration`. */
export interface CronRule {
  /** A cron expression (5 fields, or 6 with seconds), e.g. `0 7 * * 1-5`. */
  cron: string;
  /** How long the rule stays active after each fire: `8h`, `90m`, `1h30m` or ISO `PT8H`. */
  duration: string;
  /** Pool name -> node count while the rule is active. */
  counts: Record<string, number>;
}

/** One rule of a {@link schedulePolicy}. */
export type ScheduleRule = WhenRule | CronRule;

/** What {@link schedulePolicy} is built from. */
export interface ScheduleSpec {
  /** The IANA timezone every rule's wall-clock times are read in, e.g. `Europe/Berlin`. */
  timezone: string;
  /** Tried in order; for each pool the first active rule that names it wins. */
  rules: ScheduleRule[];
  /** Counts for pools no active rule names. Without it the schedule has no opinion on them. */
  otherwise?: Record<string, number> | undefined;
}

/** Which counts a schedule asks for at one instant, and which rule gave each. */
export interface ScheduleResolution {
  /** Pool -> count and the reason the schedule gives for it. */
  readonly pools: Map<string, { count: number; reason: string; rule: string }>;
}

interface CompiledRule {
  readonly label: string;
  readonly counts: ReadonlyArray<readonly [string, number]>;
  active(ms: number, localMs: number): string | undefined;
}

/** A parsed, validated schedule. */
export interface CompiledSchedule {
  /** The schedule's timezone. */
  readonly timezone: string;
  /** Resolves the counts at an instant (milliseconds since the epoch). */
  resolve(ms: number): ScheduleResolution;
  /** Instants (ms) in `[fromMs, toMs]` at which a cron rule starts or stops being active. */
  cronEdges(fromMs: number, toMs: number): number[];
}

/** Parses and validates a schedule once, throwing one `ConfigError` with every problem found. */
export function compileSchedule(spec: ScheduleSpec, path = 'schedule'): CompiledSchedule {
  const issues: ConfigIssue[] = [];
  const timezone = spec?.timezone;
  const zone =
    typeof timezone === 'string' && IANAZone.isValidZone(timezone) ? IANAZone.create(timezone) : undefined;
  if (!zone) {
    issues.push({
      path: `${path}.timezone`,
      message: `${describeValue(timezone)} is not a known IANA timezone: use a name such as 'Europe/Berlin', 'America/New_York' or 'UTC'`,
    });
  }
  const zoneName = zone?.name ?? 'UTC';
  const rules: CompiledRule[] = [];
  if (!Array.isArray(spec?.rules)) {
    issues.push({
      path: `${path}.rules`,
      message: `expected a list of rules, got ${describeValue(spec?.rules)}`,
    });
  } else {
    spec.rules.forEach((rule, index) => {
      const compiled = compileRule(rule, index, `${path}.rules[${index}]`, zoneName, issues);
      if (compiled) rules.push(compiled);
    });
  }
  const otherwise =
    spec?.otherwise === undefined ? [] : countEntries(spec.otherwise, `${path}.otherwise`, issues);
  throwIfIssues('Invalid schedule', issues);
  const tz = zone as IANAZone;
  const otherwiseReason = `schedule otherwise: no rule matched (${zoneName})`;
  return {
    timezone: zoneName,
    resolve(ms) {
      const localMs = ms + tz.offset(ms) * 60_000;
      const pools = new Map<string, { count: number; reason: string; rule: string }>();
      for (const rule of rules) {
        const reason = rule.active(ms, localMs);
        if (reason === undefined) continue;
        for (const [pool, count] of rule.counts) {
          if (!pools.has(pool)) pools.set(pool, { count, reason, rule: rule.label });
        }
      }
      for (const [pool, count] of otherwise) {
        if (!pools.has(pool)) pools.set(pool, { count, reason: otherwiseReason, rule: 'otherwise' });
      }
      return { pools };
    },
    cronEdges(fromMs, toMs) {
      const edges: number[] = [];
      for (const rule of spec.rules) {
        if (!('cron' in rule)) continue;
        const durationInMs = parseDurationInMs(rule.duration);
        const cron = new Cron(rule.cron, { timezone: zoneName, paused: true });
        let fire = cron.nextRun(new Date(fromMs - durationInMs));
        for (let n = 0; fire && fire.getTime() <= toMs && n < 100_000; n++) {
          edges.push(fire.getTime(), fire.getTime() + durationInMs);
          fire = cron.nextRun(fire);
        }
      }
      return edges.filter((edge) => edge >= fromMs && edge <= toMs);
    },
  };
}

function countEntries(counts: unknown, path: string, issues: ConfigIssue[]): Array<[string, number]> {
  if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) {
    issues.push({
      path,
      message: `expected an object of pool name -> node count, got ${describeValue(counts)}`,
    });
    return [];
  }
  const entries: Array<[string, number]> = [];
  for (const [pool, count] of Object.entries(counts)) {
    const found = poolCountIssues(`${path}.${pool}`, pool, count);
    issues.push(...found);
    if (found.length === 0) entries.push([pool, count as number]);
  }
  return entries;
}

function compileRule(
  rule: ScheduleRule,
  index: number,
  path: string,
  timezone: string,
  issues: ConfigIssue[],
): CompiledRule | undefined {
  if (typeof rule !== 'object' || rule === null) {
    issues.push({
      path,
      message: `expected { when, counts } or { cron, duration, counts }, got ${describeValue(rule)}`,
    });
    return undefined;
  }
  const counts = countEntries(rule.counts, `${path}.counts`, issues);
  const hasWhen = 'when' in rule && rule.when !== undefined;
  const hasCron = 'cron' in rule && rule.cron !== undefined;
  if (hasWhen === hasCron) {
    issues.push({ path, message: 'a rule needs exactly one of `when` or `cron` (with `duration`)' });
    return undefined;
  }
  if (hasWhen) {
    const window = tryParseWhen((rule as WhenRule).when);
    if (typeof window === 'string') {
      issues.push({ path: `${path}.when`, message: window });
      return undefined;
    }
    const label = `rule ${index + 1} '${(rule as WhenRule).when.trim()}'`;
    const reason = `schedule ${label} (${timezone})`;
    return {
      label,
      counts,
      active: (_ms, localMs) => (windowContains(window as WhenWindow, localMs) ? reason : undefined),
    };
  }
  return compileCronRule(rule as CronRule, index, path, timezone, counts, issues);
}

function compileCronRule(
  rule: CronRule,
  index: number,
  path: string,
  timezone: string,
  counts: Array<[string, number]>,
  issues: ConfigIssue[],
): CompiledRule | undefined {
  let durationInMs: number | undefined;
  try {
    durationInMs = parseDurationInMs(rule.duration, `${path}.duration`);
  } catch (error) {
    issues.push(...((error as { issues?: ConfigIssue[] }).issues ?? []));
  }
  let cron: Cron | undefined;
  try {
    if (typeof rule.cron !== 'string') throw new TypeError('not a string');
    cron = new Cron(rule.cron, { timezone, paused: true, mode: '5-or-6-parts' });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    issues.push({
      path: `${path}.cron`,
      message: `${describeValue(rule.cron)} is not a cron expression (minute hour day-of-month month day-of-week, e.g. '0 7 * * 1-5'): ${detail}`,
    });
  }
  if (!cron || durationInMs === undefined) return undefined;
  const window = durationInMs;
  const label = `rule ${index + 1} cron '${rule.cron.trim()}' for ${rule.duration.trim()}`;
  return {
    label,
    counts,
    active(ms) {
      const fire = cron.previousRuns(1, new Date(Math.floor(ms / 1000) * 1000 + 1000))[0];
      if (!fire || ms - fire.getTime() >= window) return undefined;
      return `schedule ${label}, fired ${fire.toISOString()} (${timezone})`;
    },
  };
}
