import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import { runCli } from '../../src/index.js';

/** The instant the `override` command tests run at (the CLI's injected clock). */
export const NOW = new Date('2026-12-05T09:00:00Z');

/** Runs the CLI in this process against the emulator at {@link NOW}; `problems` are the stderr lines `- path: ...`. */
export async function cli(args: string[], em: Emulator, extraEnv: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { ...(await em.workloadIdentityEnv()), SCALER_POLL_INTERVAL: '20ms', ...extraEnv },
    signal: new AbortController().signal,
    ca: em.caCert,
    now: () => NOW,
  });
  return { code, stdout, stderr, problems: stderr.split('\n').filter((line) => line.startsWith('- ')) };
}

/** The PUTs the emulator received. */
export const puts = (em: Emulator) => em.requests.filter((r) => r.method === 'PUT');

/** The demo emulator with short operations, its manualpool2 carrying a tag of its own (`costCenter=42`). */
export async function startTagged(): Promise<Emulator> {
  const em = await startEmulator({ operationDurationInMs: 5 });
  em.state.setPool('manualpool2', { tags: { costCenter: '42' } });
  return em;
}
