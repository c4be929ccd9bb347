import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ReplicaRecord } from './cluster-evidence.js';

type Line = Record<string, unknown>;

/** A replica of the bundled pod running in loop mode, and what it logged so far. */
export interface RunningReplica {
  readonly record: ReplicaRecord;
  /** Its JSON log lines so far. */
  readonly lines: Line[];
  /** Sends a signal (recorded: a SIGKILLed replica's exit code is not checked). */
  signal(signal: 'SIGTERM' | 'SIGKILL'): void;
  /**
   * Resolves `true` once it exited (the record has its exit code and stderr), or `false` after `limitInMs` (it is
   * killed then).
   */
  exited(limitInMs: number): Promise<boolean>;
}

/** Starts `node scaler-pod.js` with exactly `env` (plus PATH); `onLine` sees every JSON log line. */
export function startReplica(options: {
  name: string;
  clientId: string;
  bundle: string;
  env: NodeJS.ProcessEnv;
  onLine: (line: Line, replica: RunningReplica) => void;
}): RunningReplica {
  const record: ReplicaRecord = { name: options.name, clientId: options.clientId };
  const child = spawn(process.execPath, [options.bundle], {
    env: { PATH: process.env.PATH, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Line[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const closed = new Promise<void>((resolve) =>
    child.on('close', (code) => {
      record.exitCode = code;
      if (stderr) record.stderr = stderr;
      resolve();
    }),
  );
  const replica: RunningReplica = {
    record,
    lines,
    signal(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      record.signalled ??= signal;
      child.kill(signal);
    },
    async exited(limitInMs) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(false);
        }, limitInMs);
      });
      const ended = await Promise.race([closed.then(() => true), limit]);
      clearTimeout(timer);
      await closed;
      return ended;
    },
  };
  createInterface({ input: child.stdout }).on('line', (text) => {
    try {
      const line = JSON.parse(text) as Line;
      lines.push(line);
      options.onLine(line, replica);
    } catch {
      // not a JSON line
    }
  });
  return replica;
}
