import { HISTORY_LIMIT, type PoolStatus, type StatusDocument } from './status-document.js';

/** The longest line of `status.txt`, so that `kubectl describe configmap` reads well in a terminal. */
export const STATUS_TEXT_WIDTH = 120;

/** How many of the last actions `status.txt` lists (`status.json` keeps more). */
const LAST_ACTIONS = 5;

const HEADERS = ['POOL', 'NODES', 'DESIRED', 'POWER', 'LAST CHANGE', 'REASON'] as const;

/**
 * `status.txt`: per cluster a table of its pools (pool, nodes, desired, power, last change, reason), then the last
 * actions. Lines stay within {@link STATUS_TEXT_WIDTH} characters: long reasons wrap under their column.
 *
 * @example
 * ```text
 * myResourceGroup/myManagedCluster
 * POOL         NODES  DESIRED  POWER    LAST CHANGE             REASON
 * manualpool2  5      5        Running  2026-12-01 07:30 1 -> 5  NODE_POOLS_AMOUNT manualpool2=5
 * ```
 */
export function renderStatusText(status: StatusDocument): string {
  const lines = [
    `aks-scaler status at ${minute(status.updatedAt)} UTC, written after every reconcile (times in UTC)`,
    '',
  ];
  for (const cluster of status.clusters) {
    lines.push(`${cluster.resourceGroup}/${cluster.name} (subscription ${cluster.subscription})`);
    if (cluster.error) {
      lines.push(
        ...wrap(
          `could not reconcile: ${cluster.error.code}: ${cluster.error.message}`,
          STATUS_TEXT_WIDTH - 2,
        ).map((l) => `  ${l}`),
      );
    }
    if (cluster.pools.length === 0) {
      lines.push('  no pool is named by the policy', '');
      continue;
    }
    lines.push(...table(cluster.pools), '');
  }
  const recent = status.history.slice(-LAST_ACTIONS).reverse();
  if (recent.length > 0) {
    lines.push(`Last actions, newest first (status.json keeps the last ${HISTORY_LIMIT}):`);
    for (const entry of recent) {
      const line = `${minute(entry.at)}  ${entry.cluster}  ${entry.pool}  ${entry.action} ${entry.from} -> ${entry.to}  ${entry.outcome}`;
      lines.push(line.length > STATUS_TEXT_WIDTH ? `${line.slice(0, STATUS_TEXT_WIDTH - 3)}...` : line);
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function table(pools: readonly PoolStatus[]): string[] {
  const rows = pools.map((pool) => [
    pool.name,
    String(pool.count),
    desiredText(pool),
    pool.power,
    pool.lastChange ? `${minute(pool.lastChange.at)} ${pool.lastChange.from} -> ${pool.lastChange.to}` : '-',
    reasonText(pool),
  ]);
  const widths = HEADERS.slice(0, -1).map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]!.length)),
  );
  const indent = widths.reduce((sum, width) => sum + width + 2, 0);
  const reasonWidth = Math.max(STATUS_TEXT_WIDTH - indent, 24);
  const render = (cells: readonly string[]) => {
    const [reason, ...more] = wrap(cells[cells.length - 1]!, reasonWidth);
    const head = cells
      .slice(0, -1)
      .map((cell, column) => cell.padEnd(widths[column]! + 2))
      .join('');
    return [`${head}${reason ?? ''}`.trimEnd(), ...more.map((line) => `${' '.repeat(indent)}${line}`)];
  };
  return [...render(HEADERS), ...rows.flatMap(render)];
}

/** The DESIRED column: the count, `stop` for a pool the scaler stops (or keeps stopped), the range, or `-`. */
function desiredText(pool: PoolStatus): string {
  if (pool.desired === null) return '-';
  return pool.desired === 0 && pool.power === 'Stopped' ? 'stop' : String(pool.desired);
}

/** The REASON column: the reason, led by the override it comes from unless the reason already says so. */
function reasonText(pool: PoolStatus): string {
  const { override } = pool;
  if (override === undefined) return pool.reason;
  const lead = `${override.target === 'pause' ? 'paused' : 'override'} until ${override.until}`;
  if (pool.reason.includes(lead)) return pool.reason;
  return `${lead}${override.reason === undefined ? '' : ` (${override.reason})`}; ${pool.reason}`;
}

/** `2026-12-01T07:30:05.123Z` as `2026-12-01 07:30` (the text says its times are UTC). */
function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text.replace(/\s+/g, ' ').trim();
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 3 ? cut : width;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}
