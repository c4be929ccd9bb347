import { Command } from 'commander';
import type { ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { addClusterOptions } from '../cluster-options.js';
import { collect, type PreviewOptions } from '../preview/preview-options.js';
import { runPreview } from '../preview/run-preview.js';
import { NO_OPINION_NOTE } from '../render/savings-format.js';
import { runAction } from '../run-action.js';

/**
 * `aks-scaler preview`: a week of desired counts per pool for a config (or `--pools`), as a table of the spans
 * where counts stay the same, the node-hours it saves against a baseline (and the cost with `--prices`), and,
 * with `--out`, an SVG chart. Reads the cluster only for `--baseline current` or for missing VM sizes.
 */
export function previewCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('preview')
    .description(
      "show a week's desired node counts per pool for a config, the node-hours (and money) it saves, and an SVG chart (--out)",
    )
    .option(
      '--from <date>',
      'start: a local date or date-time in --timezone (2026-03-23, 2026-03-23T08:00) or an instant with an offset (default: the last Monday 00:00 in --timezone)',
    )
    .option('--days <n>', 'length of the range in local calendar days (1 to 31)', '7')
    .option('--step <duration>', 'how often the policy is evaluated, e.g. 5m or 15m', '5m')
    .option('--timezone <iana>', 'timezone of the days, the table and the chart', 'UTC')
    .option('--out <file.svg>', 'write the SVG chart to this file')
    .option(
      '--baseline <max|current|n>',
      "what the savings are measured against: max (the largest count the policy gives each pool in the range), current (each pool's count now, read from the cluster: needs the cluster options) or a node count",
      'max',
    )
    .option(
      '--prices <file>',
      'an Azure Retail Prices API response (aks-scaler prices --out) to cost the node-hours',
    )
    .option(
      '--vm-size <pool=size>',
      "a pool's VM size for --prices, e.g. manualpool2=Standard_D4s_v5 (repeat per pool; default: read from the cluster)",
      collect,
    )
    .option(
      '--region <name>',
      "the cluster's region for --prices, e.g. westeurope (default: read from the cluster)",
    );
  addClusterOptions(command, { policy: true });
  return command
    .addHelpText(
      'after',
      `
Node-hours are counted over real time: a week across a daylight-saving change has 167 or 169 hours, and a 23-hour
or 25-hour day counts as such.
A schedule's holidays (when: holidays) and the early starts of its leadTime show in the table's notes column, are
marked on the chart and, in --json, are each span's marks. Without learned operation durations, leadTime: auto
starts each scale-up 10 minutes early.
${NO_OPINION_NOTE}
Nothing is read from Azure unless --baseline current is given, or --prices needs a VM size or the region that
--vm-size and --region do not give; then the cluster options (or the clusters of --config) name the cluster.
Cost uses each VM size's pay-as-you-go Linux price (type Consumption, not Spot, Low Priority, Windows, DevTest or
a reservation) in the region; a size without a price row is reported, never priced at 0.

Examples:
  aks-scaler preview --config scaler.yaml --timezone Europe/Berlin --from 2026-03-23 --out week.svg
  aks-scaler prices --region westeurope --sizes Standard_D4s_v5 --out prices.json
  aks-scaler preview --config scaler.yaml --prices prices.json --vm-size manualpool2=Standard_D4s_v5 --region westeurope
  aks-scaler preview --config scaler.yaml --baseline current --prices prices.json`,
    )
    .action(async (options: PreviewOptions, command: Command) => {
      done(await runAction(io, options.json, () => runPreview(io, options, command)));
    });
}
