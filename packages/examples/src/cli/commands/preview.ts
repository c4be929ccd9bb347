import { readFile, writeFile } from 'node:fs/promises';
import { ConfigError, type Policy } from '@aks-scaler/core';
import { tryParseDurationInMs } from '@aks-scaler/core/common';
import { fromNodePoolsAmount, parseScalerConfig, policyFromConfig } from '@aks-scaler/policies';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { timelineSvg } from '../render/svg-chart.js';
import { buildTimeline } from '../render/timeline.js';
import { previewTable } from '../render/timeline-table.js';
import { runAction } from '../run-action.js';

/** Options of `preview`. */
interface PreviewOptions {
  config?: string;
  pools?: string;
  from?: string;
  days: string;
  step: string;
  timezone: string;
  out?: string;
  json?: boolean;
}

/**
 * `aks-scaler preview`: a week of desired counts per pool for a config (or `--pools`), as a table of the spans
 * where counts stay the same and, with `--out`, an SVG chart. Reads nothing from Azure.
 */
export function previewCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('preview')
    .description(
      "show a week's desired node counts per pool for a config, as a table and an SVG chart (--out)",
    )
    .option('--config <file>', 'a YAML/JSON scaler config (env SCALER_CONFIG)')
    .option('--pools <json>', 'pool name -> node count (env NODE_POOLS_AMOUNT)')
    .option('--from <instant>', 'start of the range, ISO 8601 (default: the last Monday 00:00 in --timezone)')
    .option('--days <n>', 'length of the range in days', '7')
    .option('--step <duration>', 'how often the policy is evaluated, e.g. 5m or 15m', '5m')
    .option('--timezone <iana>', 'timezone of the table and chart labels', 'UTC')
    .option('--out <file.svg>', 'write the SVG chart to this file')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: PreviewOptions) => {
      done(
        await runAction(io, options.json, async () => {
          const policy = await loadPolicy(io.env, options);
          const stepInMs = tryParseDurationInMs(options.step);
          const days = Number(options.days);
          const issues = [];
          if (stepInMs === undefined || stepInMs < 60_000) {
            issues.push({
              path: '--step',
              message: `${JSON.stringify(options.step)} is not a duration of at least 1m`,
            });
          }
          if (!Number.isInteger(days) || days < 1 || days > 31) {
            issues.push({
              path: '--days',
              message: `${JSON.stringify(options.days)} is not a whole number from 1 to 31`,
            });
          }
          if (!isTimezone(options.timezone)) {
            issues.push({
              path: '--timezone',
              message: `${JSON.stringify(options.timezone)} is not an IANA timezone`,
            });
          }
          const from =
            options.from === undefined ? lastMonday(new Date(), options.timezone) : new Date(options.from);
          if (Number.isNaN(from.getTime())) {
            issues.push({
              path: '--from',
              message: `${JSON.stringify(options.from)} is not an ISO 8601 instant`,
            });
          }
          if (issues.length > 0) {
            throw new ConfigError(`preview: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, {
              issues,
            });
          }
          const to = new Date(from.getTime() + days * 86_400_000);
          const timeline = await buildTimeline({ policy, from, to, stepInMs: stepInMs! });
          if (options.out !== undefined) await writeFile(options.out, timelineSvg(timeline, options));
          if (options.json) {
            io.stdout.write(
              `${JSON.stringify(
                {
                  policy: policy.name,
                  from: from.toISOString(),
                  to: to.toISOString(),
                  stepInMs: timeline.stepInMs,
                  pools: timeline.pools,
                  segments: timeline.segments,
                  ...(options.out !== undefined && { svg: options.out }),
                },
                null,
                2,
              )}\n`,
            );
          } else {
            io.stdout.write(`policy ${policy.name}, ${from.toISOString()} to ${to.toISOString()}\n`);
            io.stdout.write(`${previewTable(timeline, options.timezone)}\n`);
            if (options.out !== undefined) io.stdout.write(`chart written to ${options.out}\n`);
          }
          return EXIT_CODES.ok;
        }),
      );
    });
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

function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The most recent Monday 00:00 (at or before `now`) in `timezone`, to the minute. */
function lastMonday(now: Date, timezone: string): Date {
  if (!isTimezone(timezone)) return now;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  const minutesIntoWeek = weekday * 1440 + Number(get('hour')) * 60 + Number(get('minute'));
  const at = new Date(now.getTime() - minutesIntoWeek * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}
