import { checkCluster } from './cluster-invariants.js';
import { type RunEvidence, sameJson as same } from './evidence.js';
import { clampCount, explicitTargets, minCount, powerOf, winningDecisions } from './expected-targets.js';
import { checkProcess } from './process-checks.js';

export type { RunEvidence } from './evidence.js';

const POOL_PATH =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+)\/agentpools\/([^/]+)$/i;
/** Settings a write must carry over unchanged (the body is the pool as read). */
const KEPT_SETTINGS = [
  'nodeLabels',
  'nodeTaints',
  'upgradeSettings',
  'scaleDownMode',
  'vmSize',
  'orchestratorVersion',
] as const;

/** Checks every invariant on one run's evidence; returns one line per violation (empty when all hold). */
export function checkInvariants(evidence: RunEvidence): string[] {
  return [
    ...checkScope(evidence),
    ...checkWrites(evidence),
    ...checkOverlap(evidence),
    ...checkRetryAfter(evidence),
    ...checkSettings(evidence),
    ...checkCluster(evidence),
    ...evidence.processes.flatMap((process, i) =>
      checkProcess(evidence, process, i === evidence.processes.length - 1),
    ),
  ];
}

function checkScope({
  scenario,
  requests,
  history,
  initialDecoy,
  finalDecoy,
  initialPools,
}: RunEvidence): string[] {
  const out: string[] = [];
  const present = new Set(initialPools.map((p) => p.name));
  const named = new Set(scenario.decisions.map((d) => d.pool).filter((name) => present.has(name)));
  for (const request of requests) {
    if (request.target !== 'arm' || request.method === 'GET' || request.method === 'HEAD') continue;
    const match = POOL_PATH.exec(request.path);
    if (request.method !== 'PUT' || !match) {
      out.push(`scope: unexpected ${request.method} ${request.path}`);
      continue;
    }
    const [, , rg, cluster, pool] = match;
    if (
      rg!.toLowerCase() !== scenario.resourceGroup.toLowerCase() ||
      cluster!.toLowerCase() !== scenario.clusterName.toLowerCase()
    ) {
      out.push(`scope: PUT to another cluster ${rg}/${cluster}/${pool}`);
    } else if (!named.has(pool!)) {
      out.push(`scope: PUT to pool '${pool}', which no decision names or the cluster did not have`);
    }
    if (scenario.dryRun) out.push(`scope: PUT to '${pool}' in a dry run`);
  }
  for (const write of history) {
    if (write.kind === 'create') out.push(`scope: a write created pool '${write.pool}'`);
  }
  for (const before of initialDecoy) {
    const after = finalDecoy.find((p) => p.name === before.name);
    if (after?.eTag !== before.eTag) out.push(`scope: decoy pool '${before.name}' changed`);
  }
  return out;
}

function checkWrites({ scenario, requests, history }: RunEvidence): string[] {
  const out: string[] = [];
  const wanted = winningDecisions(scenario);
  for (const request of requests) {
    if (request.method !== 'PUT') continue;
    if (!request.ifMatch || request.ifMatch.trim() === '*') {
      out.push(
        `if-match: PUT to '${request.pool}' without a specific If-Match (${request.ifMatch ?? 'none'})`,
      );
    }
    if (request.status === 400)
      out.push(`range: ARM refused a PUT to '${request.pool}' as invalid (${request.errorCode})`);
  }
  for (const write of history) {
    if (write.clusterName !== scenario.clusterName) continue;
    const { before = {}, after } = write;
    const mode = String(after.mode ?? 'User');
    const count = after.count as number;
    const explicit = explicitTargets(scenario, write.pool);
    // A stop shows count 0 with the autoscaler paused; a start gives back the count and range the pool had.
    const stops = powerOf(before) === 'Running' && powerOf(after) === 'Stopped';
    const starts = powerOf(before) === 'Stopped' && powerOf(after) === 'Running';
    const hadAutoscaler = scenario.pools.some((p) => p.name === write.pool && p.enableAutoScaling === true);
    // stopAtZero stops a pool whose count clamps to 0 (a decision of -3 too).
    const zero = wanted.get(write.pool);
    const stopsAtZero = scenario.stopAtZero && zero !== undefined && clampCount(zero, mode) === 0;
    if (stops && !explicit.stop && !stopsAtZero) {
      out.push(`power: '${write.pool}' stopped without a stop decision (or stopAtZero and a count of 0)`);
    }
    if (starts && !explicit.start && !scenario.startStoppedPools) {
      out.push(`power: '${write.pool}' started without power Running or a start option`);
    }
    if (write.droppedFields.length > 0) {
      out.push(`full-body: the write to '${write.pool}' reset ${write.droppedFields.join(', ')}`);
    }
    if (!Number.isInteger(count) || count < minCount(mode) || count > 1000) {
      out.push(`range: '${write.pool}' (${mode}) written with count ${count}`);
    }
    if (mode === 'System' && (after.powerState as { code?: string } | undefined)?.code === 'Stopped') {
      out.push(`system: System pool '${write.pool}' stopped`);
    }
    if (before.enableAutoScaling === true && after.enableAutoScaling !== true && !stops) {
      out.push(`autoscaler: a write turned the autoscaler of '${write.pool}' off without stopping the pool`);
    }
    if (before.enableAutoScaling !== true && after.enableAutoScaling === true && !(starts && hadAutoscaler)) {
      out.push(`autoscaler: a write turned the autoscaler of '${write.pool}' on`);
    }
    if (
      before.enableAutoScaling === true &&
      scenario.autoscalerPools === 'skip' &&
      !explicit.stop &&
      !explicit.range
    ) {
      out.push(`autoscaler: autoscaler pool '${write.pool}' written although autoscalerPools is skip`);
    }
    if (count !== before.count && !stops && !starts) {
      const decision = wanted.get(write.pool);
      if (before.enableAutoScaling === true)
        out.push(`autoscaler: count of autoscaler pool '${write.pool}' written`);
      if (decision === undefined || !Number.isInteger(decision)) {
        out.push(`range: count of '${write.pool}' changed without an integer decision (${decision})`);
      } else if (count !== clampCount(decision, mode)) {
        out.push(
          `range: '${write.pool}' written with ${count}, the clamped decision is ${clampCount(decision, mode)}`,
        );
      }
    }
    if (
      after.enableAutoScaling === true &&
      (after.minCount !== before.minCount || after.maxCount !== before.maxCount)
    ) {
      const min = after.minCount as number;
      const max = after.maxCount as number;
      if (
        !(
          Number.isInteger(min) &&
          Number.isInteger(max) &&
          min >= minCount(mode) &&
          max <= 1000 &&
          max >= Math.max(1, min)
        )
      ) {
        out.push(`range: autoscaler bounds of '${write.pool}' written as ${min}..${max}`);
      }
      if (!explicit.range && !(scenario.autoscalerPools === 'bounds' && wanted.has(write.pool)) && !starts) {
        out.push(`range: autoscaler bounds of '${write.pool}' written without a valid range or bounds mode`);
      }
    }
  }
  return out;
}

function checkOverlap({ scenario, requests, operations, processes }: RunEvidence): string[] {
  const out: string[] = [];
  const ours = operations.filter((op) => !op.foreign && op.clusterName === scenario.clusterName);
  for (const request of requests) {
    if (request.method !== 'PUT' || !request.pool) continue;
    const busy = ours.find(
      (op) =>
        op.pool === request.pool &&
        op.startedAt < request.at &&
        (op.endedAt ?? Number.POSITIVE_INFINITY) > request.at,
    );
    if (busy)
      out.push(
        `one-operation: PUT to '${request.pool}' while our own ${busy.kind} operation on it was running`,
      );
  }
  for (const process of processes) {
    const within = ours.filter(
      (op) => op.endsAt !== undefined && op.startedAt >= process.startedAt && op.startedAt <= process.endedAt,
    );
    const edges = within.flatMap((op) => [
      { at: op.startedAt, delta: 1 },
      { at: op.endedAt ?? op.endsAt ?? op.startedAt, delta: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let inFlight = 0;
    let most = 0;
    for (const edge of edges) {
      inFlight += edge.delta;
      most = Math.max(most, inFlight);
    }
    if (most > scenario.concurrency) {
      out.push(
        `concurrency: ${process.label} ran ${most} operations at once (limit ${scenario.concurrency})`,
      );
    }
  }
  return out;
}

function checkRetryAfter({ requests, processes }: RunEvidence): string[] {
  const out: string[] = [];
  const processOf = (at: number) => processes.findIndex((p) => at >= p.startedAt && at <= p.endedAt);
  requests.forEach((entry, i) => {
    const poll = entry.status === 200 && entry.path.includes('/operations/');
    if (entry.retryAfterSent === undefined || (entry.status < 400 && !poll)) return;
    const next = requests.slice(i + 1).find((r) => r.method === entry.method && r.path === entry.path);
    if (!next || processOf(next.at) !== processOf(entry.at)) return;
    const waited = next.at - entry.at;
    if (waited < entry.retryAfterSent * 1000) {
      out.push(
        `retry-after: ${entry.method} ${entry.path.split('/').pop()} sent again after ${waited} ms; Retry-After was ${entry.retryAfterSent} s`,
      );
    }
  });
  return out;
}

function checkSettings({ scenario, initialPools, finalPools, perturbed }: RunEvidence): string[] {
  const out: string[] = [];
  for (const before of initialPools) {
    const after = finalPools.find((p) => p.name === before.name);
    if (!after) continue;
    for (const key of KEPT_SETTINGS) {
      if (!same(before[key], after[key])) out.push(`full-body: '${before.name}' lost its ${key}`);
    }
    const foreign = perturbed.some((p) => p.kind === 'foreign-change' && p.pool === before.name);
    const tags = foreign ? { ...before.tags, changedBy: 'someone-else' } : before.tags;
    if (!same(tags, after.tags))
      out.push(
        `full-body: '${before.name}' tags are ${JSON.stringify(after.tags)}, expected ${JSON.stringify(tags)}`,
      );
    // A stopped pool shows its autoscaler paused; a running one has it as it was (or as a perturbation set it).
    const autoscaled =
      after.powerState !== 'Stopped' &&
      (before.enableAutoScaling ||
        scenario.pools.some((p) => p.name === before.name && p.enableAutoScaling === true) ||
        perturbed.some((p) => p.kind === 'enable-autoscaler' && p.pool === before.name));
    if (after.enableAutoScaling !== autoscaled)
      out.push(`autoscaler: '${before.name}' autoscaling is ${after.enableAutoScaling}`);
    if (after.mode === 'System' && (after.count < 1 || after.powerState === 'Stopped')) {
      out.push(`system: System pool '${after.name}' ends with ${after.count} nodes, ${after.powerState}`);
    }
  }
  return out;
}
