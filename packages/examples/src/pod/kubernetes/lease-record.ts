import type { LeaseObject, LeaseSpec } from './kubernetes-api.js';
import { formatMicroTime } from './kubernetes-times.js';

/** A Lease's election record as client-go's leaderelection reads it from `spec`. */
export interface LeaseRecord {
  /** `''`: nobody holds it. */
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** MicroTime. */
  acquireTime?: string | undefined;
  /** MicroTime. */
  renewTime?: string | undefined;
  leaseTransitions: number;
}

/** The election record of a Lease read from the API (missing fields as client-go's zero values). */
export function recordOf(lease: LeaseObject): LeaseRecord {
  const { spec } = lease;
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    ...(spec.acquireTime !== undefined && { acquireTime: spec.acquireTime }),
    ...(spec.renewTime !== undefined && { renewTime: spec.renewTime }),
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
}

/** The record as a Lease `spec` to write. */
export function specOf(record: LeaseRecord): LeaseSpec {
  return { ...record };
}

/**
 * The record of `identity` taking or renewing the Lease at `nowInMs` (both times now, in MicroTime), which the
 * caller corrects as client-go does: a renewal keeps `acquireTime` and `leaseTransitions`, a takeover counts one
 * more transition.
 */
export function holderRecord(identity: string, leaseDurationSeconds: number, nowInMs: number): LeaseRecord {
  const now = formatMicroTime(nowInMs);
  return {
    holderIdentity: identity,
    leaseDurationSeconds,
    acquireTime: now,
    renewTime: now,
    leaseTransitions: 0,
  };
}

/** The record that gives the Lease up (client-go's release): no holder, a one-second lease, the transitions kept. */
export function releasedRecord(previous: LeaseRecord, nowInMs: number): LeaseRecord {
  const now = formatMicroTime(nowInMs);
  return {
    holderIdentity: '',
    leaseDurationSeconds: 1,
    acquireTime: now,
    renewTime: now,
    leaseTransitions: previous.leaseTransitions,
  };
}

/** The record in a fixed key order, so that two reads of the same record compare equal. */
export function rawRecord(record: LeaseRecord | undefined): string {
  if (record === undefined) return '';
  const { holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions } = record;
  return JSON.stringify([holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions]);
}
