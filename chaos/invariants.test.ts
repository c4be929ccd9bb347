import type { EmulatorOperation, PoolWriteRecord, RequestLogEntry } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { expectedExitCode } from './exit-code.js';
import {
  CLUSTER,
  clean,
  cleanReplicas,
  leaseWrite,
  operation,
  POOL_PATH,
  pool,
  put,
  scenario,
  write,
} from './invariant-fixture.js';
import { checkInvariants, type RunEvidence } from './invariants.js';

// Every invariant must be able to fail: each test breaks one rule in otherwise clean evidence.
function violations(
  mutate: (
    evidence: RunEvidence & {
      requests: RequestLogEntry[];
      history: PoolWriteRecord[];
      operations: EmulatorOperation[];
    },
  ) => void,
): string[] {
  const evidence = clean() as RunEvidence & {
    requests: RequestLogEntry[];
    history: PoolWriteRecord[];
    operations: EmulatorOperation[];
  };
  mutate(evidence);
  return checkInvariants(evidence);
}

const kinds = (list: string[]) => [...new Set(list.map((v) => v.split(':')[0]))];

describe('chaos invariants', () => {
  it('hold on a clean run', () => {
    expect(checkInvariants(clean())).toEqual([]);
  });

  it('catch writes outside the scope: a pool no decision names, another cluster, a created pool, a dry run', () => {
    expect(kinds(violations((e) => e.requests.push(put(1500, 'user9'))))).toEqual(['scope']);
    expect(
      kinds(
        violations((e) =>
          e.requests.push(put(1500, 'user1', { path: `${POOL_PATH.replace(CLUSTER, 'other')}/user1` })),
        ),
      ),
    ).toEqual(['scope']);
    expect(
      kinds(violations((e) => e.history.push({ ...write(1500, 'user1', {}, { count: 3 }), kind: 'create' }))),
    ).toContain('scope');
    expect(
      kinds(
        violations((e) => {
          e.scenario = { ...scenario, dryRun: true };
        }),
      ),
    ).toContain('scope');
    expect(
      kinds(
        violations((e) => {
          e.finalDecoy = [pool('user1', { eTag: '"changed"' })];
        }),
      ),
    ).toEqual(['scope']);
    expect(kinds(violations((e) => e.requests.push({ ...put(1500, 'user1'), method: 'DELETE' })))).toEqual([
      'scope',
    ]);
  });

  it('catch counts outside clamps and ranges, and writes ARM refused', () => {
    expect(
      kinds(
        violations((e) => {
          e.history[0]!.after.count = 4;
        }),
      ),
    ).toEqual(['range']);
    expect(
      kinds(
        violations((e) =>
          e.history.push(write(1500, 'system1', { count: 1, mode: 'System' }, { count: 0, mode: 'System' })),
        ),
      ),
    ).toContain('range');
    expect(
      kinds(
        violations((e) =>
          e.requests.push(put(1500, 'user1', { status: 400, errorCode: 'InvalidParameter' })),
        ),
      ),
    ).toContain('range');
  });

  it('catch a System pool stopped or below 1', () => {
    const stopped = write(
      1500,
      'system1',
      { count: 1, mode: 'System' },
      { count: 1, mode: 'System', powerState: { code: 'Stopped' } },
    );
    expect(kinds(violations((e) => e.history.push(stopped)))).toContain('system');
    expect(
      kinds(
        violations((e) => {
          e.finalPools = e.finalPools.map((p) => (p.name === 'system1' ? { ...p, count: 0 } : p));
        }),
      ),
    ).toContain('system');
  });

  it('catch a count written to an autoscaler pool, and autoscaling switched by a write', () => {
    const auto = { count: 1, mode: 'User', enableAutoScaling: true, minCount: 1, maxCount: 5 };
    expect(
      kinds(violations((e) => e.history.push(write(1500, 'auto1', auto, { ...auto, count: 4 })))),
    ).toContain('autoscaler');
    expect(
      kinds(
        violations((e) => e.history.push(write(1500, 'auto1', auto, { ...auto, enableAutoScaling: false }))),
      ),
    ).toContain('autoscaler');
  });

  it('catch two operations on one pool, and more operations than the concurrency', () => {
    expect(kinds(violations((e) => e.requests.push(put(1015, 'user1'))))).toEqual(['one-operation']);
    expect(kinds(violations((e) => e.operations.push(operation('b', 'system1', 1011, 1030))))).toEqual([
      'concurrency',
    ]);
  });

  it('catch a request sooner than Retry-After allowed', () => {
    const throttled = put(1005, 'user1', { status: 429, retryAfterSent: 1 });
    expect(kinds(violations((e) => e.requests.splice(1, 0, throttled)))).toEqual(['retry-after']);
    const status =
      '/subscriptions/sub/providers/Microsoft.ContainerService/locations/westeurope/operations/a';
    const poll = {
      at: 1011,
      method: 'GET',
      path: status,
      target: 'arm' as const,
      status: 200,
      retryAfterSent: 1,
    };
    expect(kinds(violations((e) => e.requests.splice(2, 0, poll)))).toEqual(['retry-after']);
    const patient = put(1005, 'user1', { status: 429, retryAfterSent: 0 });
    expect(violations((e) => e.requests.splice(1, 0, patient))).toEqual([]);
  });

  it('catch a write without If-Match and settings lost', () => {
    expect(
      kinds(
        violations((e) => {
          e.requests[1] = put(1010, 'user1', { ifMatch: '*' });
        }),
      ),
    ).toEqual(['if-match']);
    expect(
      kinds(
        violations((e) => {
          e.history[0]!.droppedFields = ['nodeTaints'];
        }),
      ),
    ).toEqual(['full-body']);
    expect(
      kinds(
        violations((e) => {
          e.finalPools = e.finalPools.map((p) => ({ ...p, nodeLabels: {} }));
        }),
      ),
    ).toEqual(['full-body']);
  });

  it('catch a pool reported succeeded that did not converge, and reports without reasons', () => {
    expect(
      kinds(
        violations((e) => {
          e.finalPools = e.finalPools.map((p) => (p.name === 'user1' ? { ...p, count: 1 } : p));
        }),
      ),
    ).toEqual(['converged']);
    expect(
      kinds(
        violations((e) => {
          e.finalPools = e.finalPools.filter((p) => p.name !== 'user1');
        }),
      ),
    ).toEqual(['converged']);
    expect(
      kinds(
        violations((e) => {
          e.processes[0]!.report!.pools[1] = { ...e.processes[0]!.report!.pools[1]!, outcome: 'failed' };
        }),
      ),
    ).toEqual(['report']);
    expect(
      kinds(
        violations((e) => {
          e.processes[0]!.report!.pools.pop();
        }),
      ),
    ).toEqual(['report']);
  });

  it('catch an exit code that disagrees with the report', () => {
    const failed = {
      pool: 'user1',
      from: 1,
      to: 3,
      action: 'scale',
      outcome: 'failed',
      reason: 'r',
      error: { code: 'OPERATION_FAILED', message: 'quota' },
    };
    expect(
      kinds(
        violations((e) => {
          e.processes[0] = {
            ...e.processes[0]!,
            label: 'pod',
            exitCode: 0,
            report: {
              ok: false,
              dryRun: false,
              pools: [
                failed,
                ...e.processes[0]!.report!.pools.slice(0, 1),
                e.processes[0]!.report!.pools[2]!,
              ],
            },
          };
        }),
      ),
    ).toEqual(['exit-code']);
    expect(expectedExitCode({ label: 'pod', startedAt: 0, endedAt: 1, scope: [], configFailure: true })).toBe(
      2,
    );
    expect(
      expectedExitCode({
        label: 'pod',
        startedAt: 0,
        endedAt: 1,
        scope: [],
        failure: { code: 'AUTHENTICATION', message: 'm' },
      }),
    ).toBe(3);
    expect(
      expectedExitCode({
        label: 'pod',
        startedAt: 0,
        endedAt: 1,
        scope: [],
        signalled: 'SIGTERM',
        report: {
          ok: false,
          dryRun: false,
          pools: [{ ...failed, error: { code: 'ABORTED', message: 'stopping' } }],
        },
      }),
    ).toBe(0);
  });
});

// The replica runs' invariants (cluster-invariants.ts), broken one at a time in a clean replica run.
function replicaViolations(
  mutate: (evidence: RunEvidence & { requests: RequestLogEntry[] }) => void,
): string[] {
  const evidence = cleanReplicas() as RunEvidence & { requests: RequestLogEntry[] };
  mutate(evidence);
  return checkInvariants(evidence);
}
const clusterOf = (evidence: RunEvidence) => evidence.cluster!;

describe('chaos invariants of replica runs', () => {
  it('hold on a clean replica run', () => {
    expect(checkInvariants(cleanReplicas())).toEqual([]);
  });

  it('catch one writer per pool operation broken: a second replica writing while the operation runs', () => {
    const second = put(1015, 'user1', { status: 409, principal: 'client-b' });
    const found = replicaViolations((e) => e.requests.push(second));
    expect(found).toContain("one-writer: the operation on 'user1' at 1010 was written by a and b");
  });

  it('catch a write ARM accepted from a replica that did not hold the Lease, or whose Lease had run out', () => {
    expect(
      kinds(
        replicaViolations((e) => {
          e.requests[1] = { ...e.requests[1]!, principal: 'client-b' };
        }),
      ),
    ).toEqual(['one-writer']);
    // No Lease at all: two replicas without leader election.
    expect(
      replicaViolations((e) => {
        clusterOf(e).requests = [];
      }),
    ).toEqual(["one-writer: a wrote 'user1' at 1010 while nobody held the Lease"]);
    expect(
      replicaViolations((e) => {
        clusterOf(e).requests = [leaseWrite(900, 'a')].map((w) => ({ ...w, leaseDurationSeconds: 0.1 }));
      }),
    ).toEqual(["one-writer: a wrote 'user1' at 1010, after its Lease of 900 had run out"]);
    // A takeover forced on the Lease by no replica, just before the write: the writer could not know yet.
    expect(
      replicaViolations((e) => {
        clusterOf(e).forced = [{ at: 1008, holder: 'intruder', leaseDurationSeconds: 3 }];
      }),
    ).toEqual([]);
    // But no replica may take the Lease back from it before its record expired.
    expect(
      replicaViolations((e) => {
        clusterOf(e).forced = [{ at: 1000, holder: 'intruder', leaseDurationSeconds: 3 }];
      }),
    ).toEqual(['lease: a took the Lease at 1005 from intruder, whose record of 1000 held until 4000']);
  });

  it('catch a replica that took the Lease before its holder’s record expired', () => {
    const found = replicaViolations((e) => {
      clusterOf(e).requests = [...clusterOf(e).requests, leaseWrite(2000, 'b')];
    });
    expect(found).toEqual(['lease: b took the Lease at 2000 from a, whose record of 1005 held until 4005']);
    const patient = replicaViolations((e) => {
      clusterOf(e).requests = [...clusterOf(e).requests, leaseWrite(4005, 'b')];
    });
    expect(patient).toEqual([]);
  });

  it('catch a status ConfigMap that does not match ARM after the run, or that was never written', () => {
    const stale = replicaViolations((e) => {
      const status = JSON.parse(clusterOf(e).statusJson!);
      status.clusters[0].pools = status.clusters[0].pools.map((p: { name: string }) =>
        p.name === 'user1' ? { ...p, count: 1 } : p,
      );
      clusterOf(e).statusJson = JSON.stringify(status);
    });
    expect(stale).toEqual(["status: status.json shows 'user1' at 1 (Running), ARM at 3 (Running)"]);
    expect(
      replicaViolations((e) => {
        clusterOf(e).statusJson = undefined;
      }),
    ).toEqual(['status: no status ConfigMap was written']);
    expect(
      kinds(
        replicaViolations((e) => {
          const status = JSON.parse(clusterOf(e).statusJson!);
          status.clusters[0].pools.pop();
          clusterOf(e).statusJson = JSON.stringify(status);
        }),
      ),
    ).toEqual(['status']);
  });

  it('catch a run that did not settle or converge, and a replica that exited badly', () => {
    expect(
      kinds(
        replicaViolations((e) => {
          clusterOf(e).settled = false;
        }),
      ),
    ).toEqual(['converged']);
    expect(
      kinds(
        replicaViolations((e) => {
          clusterOf(e).replicas[1] = { ...clusterOf(e).replicas[1]!, exitCode: 1 };
        }),
      ),
    ).toEqual(['replica']);
    expect(
      replicaViolations((e) => {
        clusterOf(e).replicas[1] = { ...clusterOf(e).replicas[1]!, exitCode: null, signalled: 'SIGKILL' };
      }),
    ).toEqual([]);
  });
});
