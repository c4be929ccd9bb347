import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process whose stdout is JSON lines (the pod) or text (the CLI). */
export interface RunningProcess {
  readonly child: ChildProcess;
  /** Every stdout line, raw. */
  readonly lines: string[];
  /** stdout lines that parsed as JSON objects. */
  readonly json: Array<Record<string, unknown>>;
  /** stderr text. */
  stderr(): string;
  /** Resolves with the first JSON line matching, or rejects after `timeoutInMs`. */
  waitForJson(
    match: (line: Record<string, unknown>) => boolean,
    timeoutInMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code, or rejects after `timeoutInMs` (the child is killed then). */
  exit(timeoutInMs?: number): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Kills every child still running (call in afterEach). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Spawns `node [...nodeArgs] <script> ...args` with exactly `env` (plus PATH). */
export function startNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { nodeArgs?: string[] } = {},
): RunningProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const json: Array<Record<string, unknown>> = [];
  let stderr = '';
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    try {
      const parsed = JSON.parse(line) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        json.push(parsed as Record<string, unknown>);
    } catch {
      // a text line
    }
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      running.delete(child);
      for (const listener of listeners) listener();
      resolve(code);
    });
  });
  return {
    child,
    lines,
    json,
    stderr: () => stderr,
    waitForJson(match, timeoutInMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = json.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (child.exitCode !== null) {
            cleanup();
            reject(
              new Error(
                `the process exited ${child.exitCode} first; stdout:\n${lines.join('\n')}\n${stderr}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`no matching line within ${timeoutInMs}ms; stdout:\n${lines.join('\n')}\n${stderr}`),
          );
        }, timeoutInMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    exit(timeoutInMs = 20_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`no exit within ${timeoutInMs}ms; stdout:\n${lines.join('\n')}\n${stderr}`));
        }, timeoutInMs);
      });
      return Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    },
  };
}
