// The savings shown in docs/getting-started.md and docs/policies.md: each function runs `aks-scaler preview` in
// this process and returns what it prints, so the guides cannot drift from what the CLI computes.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@aks-scaler/examples';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What "What will this save?" runs: the demo's pools on a schedule, a November week, illustrative prices. */
export const DEMO_WEEK_ARGS = [
  'preview',
  '--config',
  'docs/examples/scaler-config.yaml',
  '--from',
  '2026-11-23',
  '--timezone',
  'Europe/Berlin',
  '--prices',
  'docs/examples/retail-prices.json',
  '--vm-size',
  'manualpool2=Standard_D2s_v5',
  '--vm-size',
  'manualpool3=Standard_D2s_v5',
  '--region',
  'westeurope',
];

/** The savings of Christmas week, the week of docs/images/preview.svg. */
export const CHRISTMAS_WEEK_ARGS = [
  'preview',
  '--config',
  'docs/examples/scaler-config.yaml',
  '--from',
  '2026-12-21',
  '--timezone',
  'Europe/Berlin',
  '--step',
  '15m',
];

/** Runs `aks-scaler` with repository paths and returns its stdout from the line starting with `from` on. */
async function run(args: readonly string[], from: string): Promise<string> {
  let stdout = '';
  let stderr = '';
  const resolved = args.map((arg) => (arg.startsWith('docs/') ? join(REPO, arg) : arg));
  const code = await runCli(resolved, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: {},
    signal: new AbortController().signal,
  });
  if (code !== 0) throw new Error(`aks-scaler ${args.join(' ')} exited ${code}:\n${stderr}${stdout}`);
  const lines = stdout.trimEnd().split('\n');
  const start = lines.findIndex((line) => line.startsWith(from));
  return lines.slice(Math.max(0, start)).join('\n');
}

/** The command line as a reader types it, wrapped before an option once a line is long. */
function command(args: readonly string[]): string {
  const lines = ['aks-scaler'];
  for (const arg of args) {
    const last = lines.length - 1;
    if (arg.startsWith('--') && (lines[last] as string).length > 60) lines.push(`    ${arg}`);
    else lines[last] = `${lines[last]} ${arg}`;
  }
  return lines.join(' \\\n');
}

/** `aks-scaler preview` of the demo's pools on docs/examples/scaler-config.yaml's schedule: savings and cost. */
export async function demoWeek(): Promise<string> {
  const output = await run(DEMO_WEEK_ARGS, 'Savings against');
  return ['```text', `$ ${command(DEMO_WEEK_ARGS)}`, '…the table of spans…', output, '```'].join('\n');
}

/** The savings part of `aks-scaler preview` over Christmas week. */
export async function christmasSavings(): Promise<string> {
  const output = await run(CHRISTMAS_WEEK_ARGS, 'Savings against');
  return ['```text', `$ ${command(CHRISTMAS_WEEK_ARGS)}`, '…the table of spans…', output, '```'].join('\n');
}
