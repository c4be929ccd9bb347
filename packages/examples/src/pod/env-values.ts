import type { ConfigIssue } from '@aks-scaler/core';
import { tryParseDurationInMs } from '@aks-scaler/core/common';
import { type PodVariable, readVariable, type SettingNames } from './env-variables.js';

/**
 * Reads typed values from the environment and collects every problem instead of stopping at the first; each
 * problem names the variable (or the flag it came from).
 */
export interface ValueReader {
  /** The problems found so far. */
  readonly issues: ConfigIssue[];
  /** How problems name the variables. */
  readonly names: SettingNames;
  /** Records a problem. */
  issue(path: string, message: string): void;
  /** The trimmed text, `undefined` when unset or blank. */
  text(name: PodVariable): string | undefined;
  /** A duration such as `30s` or `1h30m` of at least `minInMs`; `fallbackInMs` when unset or invalid. */
  duration(name: PodVariable, fallbackInMs: number, minInMs: number): number;
  /** An integer from `min` to `max`; `undefined` when unset or invalid. */
  integer(name: PodVariable, min: number, max: number): number | undefined;
  /** `true` or `false`, case-insensitive (what the docs say); `undefined` when unset or invalid. */
  boolean(name: PodVariable): boolean | undefined;
}

/** A {@link ValueReader} over `env`. */
export function createValueReader(env: NodeJS.ProcessEnv, names: SettingNames): ValueReader {
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string) => {
    issues.push({ path, message });
  };
  const text = (name: PodVariable) => readVariable(env, name);
  return {
    issues,
    names,
    issue,
    text,
    duration(name, fallbackInMs, minInMs) {
      const given = text(name);
      if (given === undefined) return fallbackInMs;
      const parsed = tryParseDurationInMs(given, { allowZero: true });
      if (parsed === undefined || parsed < minInMs) {
        issue(
          names.nameOf(name),
          `${JSON.stringify(given)} is not a duration of at least ${minInMs}ms; use e.g. 30s, 5m or 1h.`,
        );
        return fallbackInMs;
      }
      return parsed;
    },
    integer(name, min, max) {
      const given = text(name);
      if (given === undefined) return undefined;
      const parsed = /^\d+$/.test(given) ? Number(given) : Number.NaN;
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        issue(names.nameOf(name), `${JSON.stringify(given)} is not an integer from ${min} to ${max}.`);
        return undefined;
      }
      return parsed;
    },
    boolean(name) {
      const given = text(name);
      if (given === undefined) return undefined;
      const lower = given.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      issue(names.nameOf(name), `${JSON.stringify(given)} is not a boolean; use true or false.`);
      return undefined;
    },
  };
}
