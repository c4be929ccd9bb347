import { readFile, writeFile } from 'node:fs/promises';
import { ConfigError, type Policy } from '@aks-scaler/core';
import { fromNodePoolsAmount, parseScalerConfig, policyFromConfig } from '@aks-scaler/policies';
import type { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { savingsTable } from '../render/savings-table.js';
import { timelineSvg } from '../render/svg-chart.js';
import { buildTimeline } from '../render/timeline.js';
import { previewTable } from '../render/timeline-table.js';
import { type ClusterFacts, readClusterFacts } from './cluster-facts.js';
import type { PoolPricing } from './cost.js';
import { type PreviewOptions, readPreviewOptions } from './preview-options.js';
import { currentNodeCounts, loadPoolPrices } from './preview-prices.js';
import { previewSavings } from './savings.js';

/**
 * The body of `aks-scaler preview`: evaluates the policy over the range, measures node-hours against the
 * baseline (and cost with `--prices`), and prints a table or JSON; `--out` writes the SVG chart. Reads the
 * cluster only for `--baseline current`, or for VM sizes and the region that `--vm-size`/`--region` do not give.
 */
export async function runPreview(io: CliIo, options: PreviewOptions, command: Command): Promise<ExitCode> {
  const policy = await loadPolicy(io.env, options);
  const request = readPreviewOptions(options, (io.now ?? (() => new Date()))());
  const { range } = request;
  const timeline = await buildTimeline({
    policy,
    from: range.from,
    to: range.to,
    stepInMs: request.stepInMs,
  });
  const unknown = Object.keys(request.vmSizes).filter((pool) => !timeline.pools.includes(pool));
  if (unknown.length > 0) {
    const message = `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the pools the policy names in the range (${timeline.pools.join(', ') || 'none'})`;
    throw new ConfigError(`preview: --vm-size ${message}`, { issues: [{ path: '--vm-size', message }] });
  }
  if (request.pricesFile === undefined && (options.vmSize !== undefined || options.region !== undefined)) {
    io.stderr.write('warning: --vm-size and --region only matter with --prices FILE; they are ignored\n');
  }
  const unsized = timeline.pools.filter((pool) => request.vmSizes[pool] === undefined);
  const needsSizes = request.pricesFile !== undefined && (unsized.length > 0 || request.region === undefined);
  let facts: ClusterFacts | undefined;
  if (request.baseline === 'current' || needsSizes) {
    const sizes = unsized.map((pool) => `--vm-size ${pool}=<size>`).join(' ');
    facts = await readClusterFacts({
      io,
      options,
      command,
      need:
        request.baseline === 'current'
          ? { flag: '--baseline', why: '--baseline current', otherwise: 'use --baseline max or a node count' }
          : {
              flag: unsized.length > 0 ? '--vm-size' : '--region',
              why: '--prices',
              otherwise: `give ${[sizes, request.region === undefined ? '--region <region>' : ''].filter(Boolean).join(' and ')}`,
            },
      withRegion: needsSizes && request.region === undefined,
      abortSignal: io.signal,
    });
  }
  let prices: Record<string, PoolPricing> | undefined;
  if (request.pricesFile !== undefined) {
    prices = await loadPoolPrices({
      request,
      pools: timeline.pools,
      ...(facts && { facts }),
      abortSignal: io.signal,
    });
  }
  const savings = previewSavings(timeline, {
    baseline: request.baseline,
    ...(request.baseline === 'current' &&
      facts && { currentCounts: currentNodeCounts(timeline.pools, facts) }),
    ...(prices && { prices }),
  });
  if (options.out !== undefined) {
    await writeFile(options.out, timelineSvg(timeline, { timezone: request.timezone, savings }));
  }
  const region = request.region ?? facts?.region;
  if (options.json) {
    const json = {
      policy: policy.name,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      timezone: request.timezone,
      hours: range.hours,
      stepInMs: timeline.stepInMs,
      pools: timeline.pools,
      segments: timeline.segments.map(({ from, to, counts, targets, reasons, marks }) => ({
        from,
        to,
        counts,
        targets,
        reasons,
        ...(Object.keys(marks).length > 0 && { marks }),
      })),
      savings,
      ...(prices && region !== undefined && { region }),
      ...(options.out !== undefined && { svg: options.out }),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  io.stdout.write(
    `policy ${policy.name}, ${range.from.toISOString()} to ${range.to.toISOString()} (${range.hours} h in ${request.timezone})\n`,
  );
  io.stdout.write(`${previewTable(timeline, request.timezone)}\n`);
  io.stdout.write(`${savingsTable(savings)}\n`);
  if (options.out !== undefined) io.stdout.write(`chart written to ${options.out}\n`);
  return EXIT_CODES.ok;
}

async function loadPolicy(env: NodeJS.ProcessEnv, options: PreviewOptions): Promise<Policy> {
  const configPath = options.config ?? (options.pools === undefined ? env.SCALER_CONFIG : undefined);
  if (configPath) {
    const config = parseScalerConfig(await readFile(configPath, 'utf8'), { source: configPath });
    return policyFromConfig(config);
  }
  const pools = options.pools ?? env.NODE_POOLS_AMOUNT;
  if (pools) return fromNodePoolsAmount(pools);
  const message =
    'give a policy: --config <file> or --pools \'{ "manualpool2": 5 }\' (or SCALER_CONFIG / NODE_POOLS_AMOUNT)';
  throw new ConfigError(`preview: ${message}`, { issues: [{ path: '--config', message }] });
}
