/**
 * The scaler pod's entrypoint, bundled into `dist/scaler-pod.js` (runs with plain `node`, no node_modules).
 * PID 1 in the container: it handles SIGTERM/SIGINT itself. A second signal exits at once. SIGHUP asks loop mode
 * to check SCALER_CONFIG at once (and never ends the process, in either mode).
 */
import './favour-memory.js';
import { redact } from '@aks-scaler/core';
import { createPodLogger } from '../shared/logger.js';
import { runScalerPod } from './run-scaler-pod.js';

const stop = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
  stop.abort();
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

const reloadRequests = (listener: () => void) => {
  process.on('SIGHUP', listener);
  return { dispose: () => process.off('SIGHUP', listener) };
};
// Node's default for SIGHUP ends the process: never here. Before the pod listens (and after), it is ignored.
process.on('SIGHUP', () => {});

// The Azure SDK refreshes tokens in the background and does not always handle a refresh that fails after the
// work that needed it was aborted. Such a rejection concerns no pool: log it (the logger redacts errors) instead of
// letting Node end the process, so the exit code keeps reporting what happened to the pools.
const stray = createPodLogger({ level: 'warn', stdout: process.stdout });
process.on('unhandledRejection', (reason) => {
  stray.warn({ err: reason }, 'ignored an unhandled rejection from a background task');
});

let code: number;
try {
  code = await runScalerPod({
    env: process.env,
    stdout: process.stdout,
    signal: stop.signal,
    reloadRequests,
  });
} catch (error) {
  // Not expected: runScalerPod reports its own failures. Say so without a stack that could carry request details.
  process.stderr.write(
    `aks-scaler: unexpected failure: ${redact(error instanceof Error ? error.message : String(error))}\n`,
  );
  code = 1;
}
process.exit(code);
