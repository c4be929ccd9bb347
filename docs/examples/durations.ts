import {
  type ClusterRef,
  createNodePoolClient,
  createOperationDurations,
  createPollSchedule,
  type NodePoolClientOptions,
  type Policy,
  type ReconcileReport,
  reconcile,
} from '@aks-scaler/core';

/** Where the durations are kept between runs: a file, a ConfigMap key... */
export interface DurationsStore {
  load(): Promise<string | undefined>;
  save(text: string): Promise<void>;
}

/** One reconcile that starts from the durations learned before and keeps what it learns. */
export async function reconcileKeepingDurations(options: {
  credential: NodePoolClientOptions['credential'];
  cluster: ClusterRef;
  policy: Policy;
  store: DurationsStore;
  endpoint?: string;
  ca?: string;
}): Promise<ReconcileReport> {
  const { credential, cluster, policy, store } = options;
  // #region keep
  const saved = await store.load();
  const durations = createOperationDurations({ initialState: saved ? JSON.parse(saved) : undefined });
  // The client learns each write's duration (timed by the server) and polls by what it has learned.
  const client = createNodePoolClient({ credential, durations, endpoint: options.endpoint, ca: options.ca });
  // Policies see ctx.expectedOperationInMs(pool, from, to), read from the same store.
  const report = await reconcile({ client, cluster, policy });
  await store.save(JSON.stringify(durations)); // toJSON(): the last five operations per pool and direction
  // #endregion keep
  return report;
}

const cluster: ClusterRef = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };
const MINUTE = 60_000;
const minutes = (ms: number) => `${(ms / MINUTE).toFixed(1)} min`;

/** What the context expects of a pool as its operations are learned, as a markdown table. */
export async function expectations(): Promise<string> {
  const durations = createOperationDurations();
  const expect = (nodes: number) =>
    minutes(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up', nodes }));
  const rows = [`| nothing learned | ${expect(8)} | ${expect(2)} |`];
  // Scale-ups of different sizes: a minute plus 30 s a node, and one slow one.
  const history: Array<[nodes: number, ms: number]> = [
    [8, 5 * MINUTE],
    [4, 3 * MINUTE],
    [8, 14 * MINUTE],
    [2, 2 * MINUTE],
    [6, 4 * MINUTE],
  ];
  for (const [i, [nodes, ms]] of history.entries()) {
    durations.record({ cluster, pool: 'manualpool2', direction: 'up', nodes, durationInMs: ms, endedAt: i });
    rows.push(`| + ${nodes} nodes in ${minutes(ms)} | ${expect(8)} | ${expect(2)} |`);
  }
  return ['| after | 2 → 10 (8 nodes) | 2 → 4 (2 nodes) |', '|---|---|---|', ...rows].join('\n');
}

/** When an operation is polled, by what is known of it, as a markdown table. */
export async function pollTimes(): Promise<string> {
  const schedule = createPollSchedule();
  const polls = (endsAtInMs: number, expectedInMs?: number) => {
    const times: number[] = [];
    let t = 0;
    while (t < endsAtInMs) {
      t += schedule.nextDelayInMs({ elapsedInMs: t, expectedInMs });
      times.push(t);
    }
    const late = (t - endsAtInMs) / 1000;
    const shown = times.length > 8 ? [...times.slice(0, 4), '…', ...times.slice(-3)] : times;
    const text = shown.map((x) => (typeof x === 'number' ? `${Math.round(x / 100) / 10}` : x)).join(', ');
    return `${times.length} | ${late.toFixed(1)} s | ${text}`;
  };
  return [
    '| operation | polls | seen after its end | polls at (s after the PUT) |',
    '|---|---|---|---|',
    `| 6 min, nothing learned | ${polls(6 * MINUTE)} |`,
    `| 6 min, 6 min expected | ${polls(6 * MINUTE, 6 * MINUTE)} |`,
    `| 8 min, 6 min expected | ${polls(8 * MINUTE, 6 * MINUTE)} |`,
    `| 60 s, 60 s expected | ${polls(MINUTE, MINUTE)} |`,
  ].join('\n');
}
