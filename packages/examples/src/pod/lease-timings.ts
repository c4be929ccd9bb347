import { tryParseDurationInMs } from '@aks-scaler/core/common';
import type { ValueReader } from './env-values.js';
import { JITTER_FACTOR, type LeaseTimings } from './leadership.js';

/**
 * `SCALER_LEADER_ELECTION_TIMINGS` = `<lease>,<renew deadline>,<retry>` (e.g. `2s,1500ms,250ms`), checked as
 * client-go checks its own: the lease in whole seconds (it is the Lease's `leaseDurationSeconds`), longer than the
 * renew deadline, which is longer than the retry period with its jitter. `undefined` when unset or invalid (the
 * problem is recorded).
 */
export function readLeaseTimings(read: ValueReader): LeaseTimings | undefined {
  const text = read.text('SCALER_LEADER_ELECTION_TIMINGS');
  if (text === undefined) return undefined;
  const name = read.names.nameOf('SCALER_LEADER_ELECTION_TIMINGS');
  const parts = text.split(',').map((part) => tryParseDurationInMs(part.trim()));
  const [lease, renew, retry] = parts;
  const problem =
    parts.length !== 3 || lease === undefined || renew === undefined || retry === undefined
      ? 'is not three durations'
      : lease % 1000 !== 0
        ? 'has a lease that is not whole seconds (it becomes the Lease’s leaseDurationSeconds)'
        : !(lease > renew)
          ? 'has a lease that is not longer than the renew deadline'
          : !(renew > JITTER_FACTOR * retry)
            ? `has a renew deadline that is not longer than ${JITTER_FACTOR} retry periods`
            : undefined;
  if (problem !== undefined) {
    read.issue(
      name,
      `${JSON.stringify(text)} ${problem}; use <lease>,<renew deadline>,<retry> such as 15s,10s,2s (the defaults: this variable is only for tests).`,
    );
    return undefined;
  }
  return { leaseDurationInMs: lease!, renewDeadlineInMs: renew!, retryPeriodInMs: retry! };
}
