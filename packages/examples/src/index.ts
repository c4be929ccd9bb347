export type { CliIo } from './cli/cli-io.js';
export { runCli } from './cli/program.js';
export type { PolicyStateCarry } from './pod/config-targets.js';
export {
  type PodSettings,
  type ReadPodSettingsOptions,
  type ReadPodSettingsResult,
  readPodSettings,
  type ScalerMode,
} from './pod/env.js';
export {
  POD_ENVIRONMENT_VARIABLES,
  type PodVariable,
  type SettingSources,
} from './pod/env-variables.js';
export type { CreateEventHubOptions, EventHub, PodSink, SinkCallOptions } from './pod/event-hub.js';
export {
  EXIT_CODES,
  type ExitCode,
  exitCodeForError,
  exitCodeForFleet,
  exitCodeForReports,
} from './pod/exit-codes.js';
export { LOG_LEVELS, type LogLevel, readLogLevel } from './pod/log-level.js';
export type {
  Disposable,
  Event,
  PodEvent,
  PodEventError,
  PodEventKind,
  ReloadedCluster,
  ReloadReason,
} from './pod/pod-events.js';
export { POD_SINKS, type SinkContext, type SinkDefinition } from './pod/pod-sinks.js';
export { type RunScalerPodOptions, runScalerPod } from './pod/run-scaler-pod.js';
export {
  type LoadScalerSetupOptions,
  loadScalerSetup,
  type ScalerSetup,
  type ScalerTarget,
} from './pod/setup.js';
export { EXAMPLES_VERSION } from './version.js';
