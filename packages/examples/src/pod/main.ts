/**
 * The scaler pod's entrypoint, bundled into `dist/scaler-pod.js` (runs with plain `node`, no node_modules).
 * PID 1 in the container: it handles SIGTERM/SIGINT itself. A second signal exits at once.
 */
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

const code = await runScalerPod({ env: process.env, stdout: process.stdout, signal: stop.signal });
process.exit(code);
