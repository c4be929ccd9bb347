import type { WriteGuard } from '@aks-scaler/core';
import { AbortedError } from '@aks-scaler/core/errors';
import { JITTER_FACTOR } from '../leadership.js';
import type { KubernetesOperation, LeadershipChange } from '../pod-events.js';
import type { KubernetesApi, LeaseObject } from './kubernetes-api.js';
import { type CallResult, KUBERNETES_CALL_TIMEOUT_IN_MS } from './kubernetes-session.js';
import type { CallOptions, LeaseElector, LeaseElectorOptions, Term } from './lease-elector-options.js';
import {
  holderRecord,
  type LeaseRecord,
  rawRecord,
  recordOf,
  releasedRecord,
  specOf,
} from './lease-record.js';
import { createWriteTracker } from './write-tracker.js';

export type { LeaseElector, LeaseElectorOptions } from './lease-elector-options.js';

/**
 * Leader election over a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it: a candidate takes
 * the Lease when nobody holds it or when its record has not changed for `leaseDurationSeconds` (timed on this
 * replica's clock from when it saw the record change, so the nodes' clocks need not agree), by a PUT with the read
 * `resourceVersion` (a 409 means another candidate won); the leader renews every retry period, first optimistically
 * with the `resourceVersion` it wrote last. A leader that sees another holder stops leading at once; one that cannot
 * renew within the renew deadline stops when it passes. Its write guard admits writes only while it leads, and
 * renews first when the last renewal is older than the renew deadline (a paused process).
 */
export function createLeaseElector(options: LeaseElectorOptions): LeaseElector {
  const { session, name, identity, timings, clock } = options;
  const random = options.random ?? Math.random;
  const leaseSeconds = timings.leaseDurationInMs / 1000;
  const writes = createWriteTracker();
  let lease: LeaseObject | undefined;
  let observed: { record: LeaseRecord; raw: string; at: number } | undefined;
  let problem: string | undefined;
  let term: Term | undefined;
  let resigning = false;
  let attempting: Promise<{ ok: boolean; startedAt: number }> | undefined;
  let said: string | undefined;
  let took = '';

  const isLeader = () => observed?.record.holderIdentity === identity;
  const holder = () => observed?.record.holderIdentity;
  const valid = (now: number) =>
    observed !== undefined && observed.at + observed.record.leaseDurationSeconds * 1000 > now;
  const setObserved = (record: LeaseRecord) => {
    observed = { record, raw: rawRecord(record), at: clock.now() };
  };
  const call = async <T>(
    operation: KubernetesOperation,
    run: (api: KubernetesApi, signal: AbortSignal) => Promise<T>,
    callOptions: CallOptions,
  ): Promise<CallResult<T>> => {
    const result = await session.call(run, callOptions);
    if (result.ok) problem = undefined;
    else if (result.status !== 409) {
      // A 409 is the election itself (another candidate won, or the Lease changed): neither counted nor logged.
      session.fail(operation, result);
      problem = result.error instanceof Error ? result.error.message : String(result.error);
    }
    return result;
  };
  const write = async (record: LeaseRecord, current: LeaseObject | undefined, callOptions: CallOptions) => {
    const body = { metadata: current?.metadata ?? { name }, spec: specOf(record) };
    const result = current
      ? await call(
          'lease-update',
          (api, signal) => api.replaceLease(body, { abortSignal: signal }),
          callOptions,
        )
      : await call(
          'lease-create',
          (api, signal) => api.createLease(body, { abortSignal: signal }),
          callOptions,
        );
    if (!result.ok) return false;
    lease = result.value;
    setObserved(record);
    return true;
  };

  const tryAcquireOrRenew = async (callOptions: CallOptions): Promise<boolean> => {
    const now = clock.now();
    const record = holderRecord(identity, leaseSeconds, now);
    if (isLeader() && valid(now) && lease && observed) {
      const { acquireTime, leaseTransitions } = observed.record;
      if (await write({ ...record, acquireTime, leaseTransitions }, lease, callOptions)) return true;
    }
    const read = await call(
      'lease-read',
      (api, signal) => api.readLease(name, { abortSignal: signal }),
      callOptions,
    );
    if (!read.ok) return false;
    if (read.value === undefined) {
      took = `created the Lease ${name}`;
      return write(record, undefined, callOptions);
    }
    lease = read.value;
    const current = recordOf(read.value);
    if (rawRecord(current) !== observed?.raw)
      observed = { record: current, raw: rawRecord(current), at: clock.now() };
    if (current.holderIdentity !== '' && valid(now) && !isLeader()) return false;
    if (isLeader()) {
      const { acquireTime, leaseTransitions } = current;
      return write({ ...record, acquireTime, leaseTransitions }, read.value, callOptions);
    }
    took =
      current.holderIdentity === ''
        ? `took the Lease ${name}, which nobody held`
        : `took the Lease ${name} from ${current.holderIdentity}, who had not renewed it for ${current.leaseDurationSeconds}s`;
    return write({ ...record, leaseTransitions: current.leaseTransitions + 1 }, read.value, callOptions);
  };

  const endTerm = (change: LeadershipChange, reason: string) => {
    const ending = term;
    if (!ending) return;
    term = undefined;
    ending.renewing.abort();
    ending.lost.abort(new AbortedError(`Not started: this replica stopped leading (${reason}).`));
    said = holder();
    options.onChange({ change, leading: false, holder: holder(), reason });
  };
  /** One try at a time: the renewals, a candidate's tries and the write guard's share it. */
  const attempt = (callOptions: CallOptions) => {
    attempting ??= (async () => {
      const startedAt = clock.now();
      const ok = await tryAcquireOrRenew(callOptions).catch(() => false);
      if (term && isLeader() && ok) term.renewedAt = startedAt;
      if (term && !isLeader() && holder()) endTerm('lost', `${holder()} took the Lease ${name}`);
      return { ok, startedAt };
    })().finally(() => {
      attempting = undefined;
    });
    return attempting;
  };

  const renew = async (current: Term) => {
    const signal = current.renewing.signal;
    while (term === current) {
      try {
        await clock.sleep(timings.retryPeriodInMs, signal);
      } catch {
        return;
      }
      const deadline = clock.now() + timings.renewDeadlineInMs;
      for (;;) {
        const left = deadline - clock.now();
        if (left <= 0) {
          endTerm(
            'lost',
            `could not renew the Lease ${name} within the renew deadline of ${timings.renewDeadlineInMs}ms${problem ? `: ${problem}` : ''}`,
          );
          return;
        }
        const { ok } = await attempt({
          abortSignal: signal,
          timeoutInMs: Math.min(KUBERNETES_CALL_TIMEOUT_IN_MS, left),
        });
        if (term !== current) return;
        if (ok && isLeader()) break;
        try {
          await clock.sleep(Math.min(timings.retryPeriodInMs, Math.max(1, deadline - clock.now())), signal);
        } catch {
          return;
        }
      }
    }
  };
  const startTerm = (startedAt: number) => {
    const current: Term = {
      lost: new AbortController(),
      renewing: new AbortController(),
      renewedAt: startedAt,
    };
    term = current;
    said = identity;
    options.onChange({
      change: 'acquired',
      leading: true,
      holder: identity,
      reason: took || `holds the Lease ${name}`,
    });
    void renew(current);
    return { lost: current.lost.signal };
  };
  const sayFollowing = () => {
    const now = holder();
    if (now === undefined || now === said || now === identity) return;
    said = now;
    options.onChange({
      change: 'observed',
      leading: false,
      holder: now,
      reason: now === '' ? `nobody holds the Lease ${name}` : `${now} leads; this replica follows`,
    });
  };

  const release = async (abortSignal: AbortSignal) => {
    if (!isLeader() || !observed) return 'it no longer held it';
    const released = await write(releasedRecord(observed.record, clock.now()), lease, { abortSignal });
    return released
      ? undefined
      : `could not clear it (${problem ?? 'no answer'}); a follower takes over once it expires`;
  };

  const writeGuard: WriteGuard = {
    async admit() {
      const current = term;
      const refuse = (why: string) => new AbortedError(`Not written: ${why}; only the leader writes pools.`);
      if (!current || resigning) throw refuse('this replica does not lead');
      if (clock.now() - current.renewedAt >= timings.renewDeadlineInMs) {
        // The last renewal is older than the renew deadline (the process was paused): renew before writing.
        const { ok } = await attempt({
          timeoutInMs: Math.min(KUBERNETES_CALL_TIMEOUT_IN_MS, timings.renewDeadlineInMs),
        });
        if (!ok || term !== current || resigning) throw refuse('this replica could not renew its Lease');
      }
      return writes.enter();
    },
  };

  return {
    identity,
    writeGuard,
    state: () => ({ leading: term !== undefined, identity, lease: name, holder: holder(), problem }),
    async campaign({ abortSignal }) {
      for (;;) {
        if (term) return { lost: term.lost.signal };
        if (abortSignal.aborted || resigning) return undefined;
        const { ok, startedAt } = await attempt({ abortSignal });
        if (ok && isLeader() && !term && !resigning) return startTerm(startedAt);
        sayFollowing();
        try {
          await clock.sleep(
            Math.round(timings.retryPeriodInMs * (1 + random() * JITTER_FACTOR)),
            abortSignal,
          );
        } catch {
          return undefined;
        }
      }
    },
    async resign({ abortSignal }) {
      resigning = true;
      const current = term;
      if (!current) return;
      current.lost.abort(new AbortedError('Not started: this replica is stopping.'));
      // The writes already sent are answered first (the Lease is still renewed meanwhile), then it is cleared.
      await writes.idle({ abortSignal, clock, timeoutInMs: timings.renewDeadlineInMs });
      current.renewing.abort();
      await attempting;
      if (term !== current) return;
      const failed = await release(abortSignal);
      term = undefined;
      said = holder();
      options.onChange({
        change: 'released',
        leading: false,
        holder: holder(),
        reason: failed
          ? `stopping: gave up leading, but the Lease ${name} ${failed}`
          : `stopping: cleared the Lease ${name}, so a follower takes over at its next retry`,
      });
    },
  };
}
