import { ConfigError, type ConfigIssue } from '@aks-scaler/core';
import { tryParseDurationInMs } from '@aks-scaler/core/common';
import type { ClusterOptions } from '../cluster-options.js';
import { isTimezone, type PreviewRange, previewRange } from './range.js';
import type { PreviewBaseline } from './savings.js';

/** The options of `aks-scaler preview`, as commander hands them over. */
export interface PreviewOptions extends ClusterOptions {
  /** `--from`. */
  from?: string;
  /** `--days`. */
  days: string;
  /** `--step`. */
  step: string;
  /** `--timezone`. */
  timezone: string;
  /** `--out`. */
  out?: string;
  /** `--baseline`. */
  baseline: string;
  /** `--prices`. */
  prices?: string;
  /** `--vm-size`, repeated. */
  vmSize?: string[];
  /** `--region`. */
  region?: string;
}

/** The validated options of `preview`. */
export interface PreviewRequest {
  /** The range. */
  range: PreviewRange;
  /** `--step` in milliseconds. */
  stepInMs: number;
  /** `--timezone`. */
  timezone: string;
  /** `--baseline`. */
  baseline: PreviewBaseline;
  /** `--prices`. */
  pricesFile?: string;
  /** `--vm-size`: pool -> VM size. */
  vmSizes: Record<string, string>;
  /** `--region`, normalized (`West Europe` -> `westeurope`). */
  region?: string;
}

const POOL = /^[a-z][a-z0-9]{0,11}$/;
const VM_SIZE = /^[A-Za-z][A-Za-z0-9_-]{1,63}$/;

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Validates `preview`'s options, listing every problem in one `ConfigError` whose issues name the flags.
 * `now` gives the default start (the last Monday 00:00 in `--timezone`).
 */
export function readPreviewOptions(options: PreviewOptions, now: Date): PreviewRequest {
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const stepInMs = tryParseDurationInMs(options.step);
  if (stepInMs === undefined || stepInMs < 60_000) {
    issue('--step', `${JSON.stringify(options.step)} is not a duration of at least 1m`);
  }
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 31) {
    issue('--days', `${JSON.stringify(options.days)} is not a whole number from 1 to 31`);
  }
  const timezone = options.timezone;
  if (!isTimezone(timezone)) issue('--timezone', `${JSON.stringify(timezone)} is not an IANA timezone`);
  const range = isTimezone(timezone)
    ? previewRange({ ...(options.from !== undefined && { from: options.from }), days, timezone, now })
    : undefined;
  if (options.from !== undefined && isTimezone(timezone) && range === undefined) {
    issue(
      '--from',
      `${JSON.stringify(options.from)} is not an ISO 8601 instant or local date, e.g. 2026-03-23 or 2026-03-23T00:00:00+01:00`,
    );
  }
  const baseline = readBaseline(options.baseline, issue);
  const vmSizes: Record<string, string> = {};
  for (const entry of options.vmSize ?? []) {
    const [pool, size, ...rest] = entry.split('=').map((part) => part.trim());
    if (
      pool === undefined ||
      size === undefined ||
      rest.length > 0 ||
      !POOL.test(pool) ||
      !VM_SIZE.test(size)
    ) {
      issue(
        '--vm-size',
        `${JSON.stringify(entry)} is not <pool>=<VM size>, e.g. manualpool2=Standard_D4s_v5`,
      );
    } else if (vmSizes[pool] !== undefined) {
      issue('--vm-size', `${pool} is given twice (${vmSizes[pool]} and ${size}); give each pool once`);
    } else vmSizes[pool] = size;
  }
  const region = options.region?.replaceAll(/\s+/g, '').toLowerCase();
  if (region !== undefined && !/^[a-z][a-z0-9]{1,39}$/.test(region)) {
    issue('--region', `${JSON.stringify(options.region)} is not an Azure region name, e.g. westeurope`);
  }
  if (issues.length > 0) {
    throw new ConfigError(`preview: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
  }
  return {
    range: range!,
    stepInMs: stepInMs!,
    timezone,
    baseline,
    ...(options.prices !== undefined && { pricesFile: options.prices }),
    vmSizes,
    ...(region !== undefined && { region }),
  };
}

function readBaseline(text: string, issue: (path: string, message: string) => void): PreviewBaseline {
  const value = text.trim().toLowerCase();
  if (value === 'max' || value === 'current') return value;
  if (/^\d+$/.test(value) && Number(value) <= 1000) return Number(value);
  issue(
    '--baseline',
    `${JSON.stringify(text)} is not a baseline; use max (the largest count the policy gives each pool in the range), current (each pool's count now, read from the cluster) or a node count from 0 to 1000`,
  );
  return 'max';
}
