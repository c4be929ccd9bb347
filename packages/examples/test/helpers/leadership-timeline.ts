import type { EmulatorOperation, KubernetesRequestLogEntry, RequestLogEntry } from '@aks-scaler/testkit';

/** One moment the Lease changed hands or was renewed: a write of it that went through, or a forced takeover. */
export interface LeaseHold {
  /** Epoch ms (the emulators' clock) when the write arrived. */
  at: number;
  /** Who holds it from then on (`''`: nobody). */
  holder: string;
  leaseDurationSeconds: number;
  /** A takeover forced on the Lease (`state.takeOverLease`) by something that is no replica. */
  forced?: boolean;
}

/**
 * The Lease's holds in time order: each create or replace of it that went through, as the Kubernetes emulator
 * logged it (who holds it after the write), merged with the takeovers a test forced on it.
 */
export function leaseHolds(
  requests: readonly KubernetesRequestLogEntry[],
  options: { name?: string; forced?: readonly LeaseHold[] } = {},
): LeaseHold[] {
  const name = options.name ?? 'aks-scaler-leader';
  const written = requests
    .filter((r) => r.resource === 'leases' && r.name === name && r.holderIdentity !== undefined)
    .map((r) => ({ at: r.at, holder: r.holderIdentity!, leaseDurationSeconds: r.leaseDurationSeconds ?? 0 }));
  return [...written, ...(options.forced ?? []).map((hold) => ({ ...hold, forced: true }))].sort(
    (a, b) => a.at - b.at,
  );
}

/** Which replica an ARM request came from (each replica has its own client id), or undefined for none of them. */
export type ReplicaOf = (principal: string | undefined) => string | undefined;

/**
 * The replicas whose PUTs (of any outcome: an answer of 409 is still an attempt to write) reached each pool while
 * one of its operations ran, per operation started by a PUT. "One writer per pool operation" means each list has
 * one replica.
 */
export function writersPerOperation(
  operations: readonly EmulatorOperation[],
  requests: readonly RequestLogEntry[],
  replicaOf: ReplicaOf,
): Array<{ operation: EmulatorOperation; writers: string[] }> {
  const puts = requests.filter((r) => r.method === 'PUT' && r.pool !== undefined && r.target === 'arm');
  return operations
    .filter((op) => !op.foreign && op.scope === 'pool')
    .map((operation) => {
      const end = operation.endedAt ?? operation.endsAt ?? Number.POSITIVE_INFINITY;
      const onPool = puts.filter(
        (r) =>
          r.pool === operation.pool &&
          r.path.toLowerCase().includes(`/managedclusters/${operation.clusterName.toLowerCase()}/`),
      );
      // The PUT that started it (logged when it arrived, a moment before), and every PUT while it ran.
      const starter = onPool.filter((r) => r.status < 300 && r.at <= operation.startedAt).at(-1);
      const during = [
        ...(starter ? [starter] : []),
        ...onPool.filter((r) => r !== starter && r.at >= operation.startedAt && r.at <= end),
      ];
      const writers = [...new Set(during.map((r) => replicaOf(r.principal) ?? `unknown ${r.principal}`))];
      return { operation, writers: writers.sort() };
    });
}

/**
 * Every way the writes broke the leader election, one line each:
 * - `one-writer`: a pool operation reached by PUTs of two replicas; or a PUT ARM accepted from a replica whose
 *   Lease did not hold then (the last replica's write of the Lease before it was another's, or had run out).
 *   Takeovers forced on the Lease by no replica are left out of "held": such a holder writes no pool, and the
 *   deposed replica can only learn of it at its next renewal.
 * - `lease`: a replica took the Lease from another holder before that holder's record had stood still for its
 *   lease duration.
 */
export function leadershipViolations(options: {
  operations: readonly EmulatorOperation[];
  requests: readonly RequestLogEntry[];
  holds: readonly LeaseHold[];
  replicaOf: ReplicaOf;
}): string[] {
  const out: string[] = [];
  for (const { operation, writers } of writersPerOperation(
    options.operations,
    options.requests,
    options.replicaOf,
  )) {
    if (writers.length !== 1) {
      out.push(
        `one-writer: the operation on '${operation.pool}' at ${operation.startedAt} was written by ${writers.join(' and ') || 'no replica'}`,
      );
    }
  }
  const replicaHolds = options.holds.filter((hold) => !hold.forced);
  for (const put of options.requests) {
    if (put.method !== 'PUT' || put.target !== 'arm' || put.status >= 300) continue;
    const writer = options.replicaOf(put.principal) ?? `unknown ${put.principal}`;
    const hold = replicaHolds.filter((h) => h.at <= put.at).at(-1);
    if (!hold || hold.holder !== writer) {
      out.push(
        `one-writer: ${writer} wrote '${put.pool}' at ${put.at} while ${hold?.holder || 'nobody'} held the Lease`,
      );
    } else if (put.at >= hold.at + hold.leaseDurationSeconds * 1000) {
      out.push(
        `one-writer: ${writer} wrote '${put.pool}' at ${put.at}, after its Lease of ${hold.at} had run out`,
      );
    }
  }
  options.holds.forEach((hold, i) => {
    // The record before a takeover is the previous holder's last one: it must have stood still that long.
    const before = options.holds[i - 1];
    if (hold.forced || hold.holder === '' || !before || before.holder === '' || before.holder === hold.holder)
      return;
    const until = before.at + before.leaseDurationSeconds * 1000;
    if (hold.at < until) {
      out.push(
        `lease: ${hold.holder} took the Lease at ${hold.at} from ${before.holder}, whose record of ${before.at} held until ${until}`,
      );
    }
  });
  return out;
}
