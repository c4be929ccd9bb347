import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ObservedPool, ProcessRecord } from './observed.js';

/** A pod process is killed (and reported stuck) after this long. */
const POD_LIMIT_IN_MS = 90_000;

/** Options of {@link runPodProcess}. */
export interface PodProcessOptions {
  label: string;
  bundle: string;
  env: NodeJS.ProcessEnv;
  scope: string[];
  /** Called with every JSON log line. */
  onLine?: (line: Record<string, unknown>) => void;
  /** Sent once, at the first `operation started` line. */
  interrupt?: 'SIGTERM' | 'SIGKILL';
}

type Line = Record<string, unknown>;

function errorCode(line: Line): string {
  const error = (line.error ?? line.err) as { code?: unknown } | undefined;
  return typeof error?.code === 'string' ? error.code : '';
}

/** Runs the bundled pod once (`node scaler-pod.js`) and records what it logged and how it exited. */
export async function runPodProcess(
  options: PodProcessOptions,
): Promise<{ record: ProcessRecord; lines: string[]; stuck: boolean }> {
  const record: ProcessRecord = {
    label: options.label,
    startedAt: Date.now(),
    endedAt: 0,
    scope: options.scope,
  };
  const child = spawn(process.execPath, [options.bundle], {
    env: { PATH: process.env.PATH, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  createInterface({ input: child.stdout }).on('line', (text) => {
    lines.push(text);
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      return;
    }
    options.onLine?.(line);
    if (options.interrupt && !record.signalled && line.event === 'started') {
      record.signalled = options.interrupt;
      child.kill(options.interrupt);
    }
    if (line.msg === 'reconcile finished' && Array.isArray(line.pools)) {
      record.report = {
        ok: line.ok === true,
        dryRun: line.dryRun === true,
        // A decision for a pool the cluster lacks is logged without counts (no from, no to): not a pool in scope.
        pools: (line.pools as Array<Partial<ObservedPool>>).filter(
          (p): p is ObservedPool => typeof p.from === 'number',
        ),
      };
    } else if (line.msg === 'reconcile failed') {
      record.failure = {
        code: errorCode(line),
        message: String(
          (line.error as { message?: unknown })?.message ??
            (line.err as { message?: unknown })?.message ??
            '',
        ),
      };
    } else if (line.level === 'fatal') {
      if (/configuration is invalid/.test(String(line.msg))) record.configFailure = true;
      else record.failure = { code: errorCode(line) || 'FATAL', message: String(line.msg) };
    }
  });
  let stuck = false;
  const timer = setTimeout(() => {
    stuck = true;
    child.kill('SIGKILL');
  }, POD_LIMIT_IN_MS);
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  record.endedAt = Date.now();
  record.exitCode = code;
  if (stderr) record.stderr = stderr;
  return { record, lines, stuck };
}
