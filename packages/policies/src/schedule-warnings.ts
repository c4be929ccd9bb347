import type { ConfigIssue } from '@aks-scaler/core/errors';
import { IANAZone } from 'luxon';
import type { ParsedSchedule } from './schedule-schema.js';
import { covers, ruleWindow } from './window-cover.js';

/**
 * What is valid in a schedule but surely not meant: a rule that names no pool, an absolute window that is over,
 * and targets (counts, stops, autoscaler ranges) that never apply because an earlier rule is active whenever this one is and names the same pools
 * (for each pool the first active rule wins). `path` is the schedule's path in the config.
 */
export function scheduleWarnings(schedule: ParsedSchedule, path: string, now: Date): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  const zone = IANAZone.create(schedule.timezone);
  const localNow = now.getTime() + zone.offset(now.getTime()) * 60_000;
  const windows = schedule.rules.map((rule) => ruleWindow(rule));
  schedule.rules.forEach((rule, index) => {
    const at = `${path}.rules[${index}]`;
    const window = windows[index];
    const pools = Object.keys(rule.counts);
    if (pools.length === 0) {
      warnings.push({
        path: `${at}.counts`,
        message: 'names no pool, so the rule never decides anything; add pools or remove the rule',
      });
      return;
    }
    if (window?.kind === 'absolute' && window.endInLocalMs <= localNow) {
      const end = new Date(window.endInLocalMs).toISOString().slice(0, 16);
      warnings.push({
        path: `${at}.when`,
        message: `the window ended at ${end} (${schedule.timezone}), before now: the rule never applies again; remove it or give it new dates`,
      });
    }
    if (window === undefined) return;
    const shadowedBy = new Map<string, number>();
    for (let earlier = 0; earlier < index; earlier++) {
      const outer = windows[earlier];
      if (outer === undefined || !covers(outer, window)) continue;
      const earlierCounts = schedule.rules[earlier]?.counts ?? {};
      for (const pool of pools) {
        if (!shadowedBy.has(pool) && Object.hasOwn(earlierCounts, pool)) shadowedBy.set(pool, earlier);
      }
    }
    if (shadowedBy.size === 0) return;
    const earlierRules = [...new Set(shadowedBy.values())].map((earlier) => `rules[${earlier}]`);
    const them = earlierRules.length === 1 ? earlierRules[0] : 'them';
    const why = `${joinWords(earlierRules)} ${earlierRules.length === 1 ? 'comes' : 'come'} first, ${
      earlierRules.length === 1 ? 'is' : 'are'
    } active whenever this rule is and ${earlierRules.length === 1 ? 'names' : 'name'} ${joinWords([...shadowedBy.keys()])} too (the first active rule wins for each pool)`;
    // A stop or an autoscaler range is a target, not a count.
    const noun = [...shadowedBy.keys()].every((pool) => typeof rule.counts[pool] === 'number')
      ? 'count'
      : 'target';
    const fix = `remove ${shadowedBy.size === pools.length ? 'this rule' : 'those pools from it'}, or move it above ${them} if it is an exception to ${earlierRules.length === 1 ? 'it' : 'them'}`;
    warnings.push({
      path: at,
      message:
        shadowedBy.size === pools.length
          ? `never wins: ${why}; ${fix}`
          : `its ${noun}${shadowedBy.size === 1 ? '' : 's'} for ${joinWords([...shadowedBy.keys()])} never ${shadowedBy.size === 1 ? 'applies' : 'apply'}: ${why}; ${fix}`,
    });
  });
  return warnings;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
