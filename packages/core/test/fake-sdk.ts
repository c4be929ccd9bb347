import type { AgentPool } from '@azure/arm-containerservice';
import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { Clock } from '../src/clock.js';
import { createOperationDurations, type OperationDurations } from '../src/operation-durations.js';
import { resolvePacerSettings } from '../src/pacing-options.js';
import { PollHints } from '../src/poll-hints.js';
import { PollPacer } from '../src/poll-pacer.js';
import { createPollSchedule, fixedPollSchedule, type PollScheduleOptions } from '../src/poll-schedule.js';
import { PoolReader } from '../src/pool-reader.js';
import { type AgentPoolsApi, PoolWriter } from '../src/pool-writer.js';
import { SubscriptionPacer } from '../src/write-pacer.js';

const OPERATION_URL =
  'https://arm.test/subscriptions/s/providers/Microsoft.ContainerService/locations/westeurope/operations/op1';

/** What the fake SDK was asked to do, in order. */
export interface SdkCall {
  kind: 'GET' | 'PUT' | 'POLL';
  at: number;
  body?: AgentPool;
  ifMatch?: string | undefined;
}

/** Options of {@link fakeSdk}. */
export interface FakeSdkOptions {
  /** The bodies successive GETs return (the last repeats). */
  reads: AgentPool[];
  /** Polls until a PUT's operation is done (`Infinity`: never). @default 1 */
  pollsUntilDone?: number;
  /** `Retry-After` (seconds) of the PUT's answer, of every poll's, and of every GET's. */
  retryAfter?: { put?: string; poll?: string; get?: string };
  /**
   * The poll schedule: a fixed interval, or the schedule's options.
   * @default { intervalInMs: 2000 }
   */
  schedule?: { intervalInMs: number } | PollScheduleOptions;
  /** The durations store the writer learns into and reads. @default a fresh one */
  durations?: OperationDurations;
  /** The poll budget: `{ burst, refillPerSecond }`, or false. @default false */
  pollPacing?: { burst: number; refillPerSecond: number } | false;
  /**
   * Instead of `pollsUntilDone`: the operation ends this long after the PUT (by the clock), and the status that
   * reports its end carries the server's `startTime` and `endTime`.
   */
  operationDurationInMs?: number;
}

function response(request: PipelineRequest, headers: Record<string, string | undefined>): PipelineResponse {
  const http = createHttpHeaders();
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) http.set(name, value);
  return { request, status: 200, headers: http };
}

/**
 * A stand-in for the SDK's agent-pool operations, with the recorded body shapes ARM returns: its PUT poller
 * refuses to wait on its own timers (`pollUntilDone` before it is done throws), so a test proves every wait ran on
 * the injected clock. Poll responses go through the client's real `PollHints` policy.
 */
export function fakeSdk(clock: Clock, options: FakeSdkOptions) {
  const calls: SdkCall[] = [];
  const hints = new PollHints(clock);
  const hintPolicy = hints.policy();
  let reads = 0;
  const api: AgentPoolsApi = {
    list: (() => {
      throw new Error('not used');
    }) as never,
    get: (async (
      _rg: string,
      _cluster: string,
      _name: string,
      opts?: { onResponse?: (r: unknown) => void },
    ) => {
      calls.push({ kind: 'GET', at: clock.now() });
      const body = options.reads[Math.min(reads++, options.reads.length - 1)] as AgentPool;
      opts?.onResponse?.({
        status: 200,
        headers: createHttpHeaders({
          ...(options.retryAfter?.get && { 'retry-after': options.retryAfter.get }),
        }),
      });
      return structuredClone(body);
    }) as never,
    createOrUpdate: ((
      _rg: string,
      _cluster: string,
      _name: string,
      body: AgentPool,
      opts: { ifMatch?: string; onResponse?: (r: unknown) => void },
    ) => {
      const putAt = clock.now();
      calls.push({ kind: 'PUT', at: putAt, body: structuredClone(body), ifMatch: opts.ifMatch });
      const until = options.pollsUntilDone ?? 1;
      let polls = 0;
      const state = { status: 'running' as string, result: undefined as AgentPool | undefined };
      const submitted = Promise.resolve().then(() => {
        opts.onResponse?.({
          status: 201,
          parsedBody: { name: body.name, properties: { ...body, provisioningState: 'Scaling' } },
          headers: createHttpHeaders({
            'azure-asyncoperation': OPERATION_URL,
            ...(options.retryAfter?.put && { 'retry-after': options.retryAfter.put }),
          }),
        });
      });
      return {
        submitted: () => submitted,
        get isDone() {
          return state.status === 'succeeded';
        },
        async poll() {
          calls.push({ kind: 'POLL', at: clock.now() });
          const request = createPipelineRequest({
            url: `${OPERATION_URL}?api-version=2026-06-01`,
            method: 'GET',
          });
          const duration = options.operationDurationInMs;
          const done = duration !== undefined ? clock.now() >= putAt + duration : polls + 1 >= until;
          await hintPolicy.sendRequest(request, async (r) => ({
            ...response(r, { 'retry-after': options.retryAfter?.poll }),
            ...(done &&
              duration !== undefined && {
                bodyAsText: JSON.stringify({
                  status: 'Succeeded',
                  startTime: new Date(putAt).toISOString(),
                  endTime: new Date(putAt + duration).toISOString(),
                }),
              }),
          }));
          polls += 1;
          if (done) {
            state.status = 'succeeded';
            state.result = { ...structuredClone(body), provisioningState: 'Succeeded' };
          }
          return state;
        },
        async pollUntilDone() {
          if (state.status !== 'succeeded')
            throw new Error('the SDK poller was left to wait on its own timers');
          return state.result;
        },
      };
    }) as never,
  };
  const reader = new PoolReader(
    {
      agentPools: () => api,
      managedClusters: () => ({
        get: (() => {
          throw new Error('not used');
        }) as never,
      }),
    },
    clock,
  );
  const { settings } = resolvePacerSettings(
    { writePacing: false, throttleGate: false, pollPacing: options.pollPacing ?? false },
    clock,
  );
  const pacer = new SubscriptionPacer(settings);
  const pollPacer = new PollPacer(clock, settings.pollPacing);
  const durations = options.durations ?? createOperationDurations();
  const scheduleOption = options.schedule ?? { intervalInMs: 2000 };
  const writer = new PoolWriter(
    {
      api: () => api,
      endpoint: 'https://arm.test',
      schedule:
        'intervalInMs' in scheduleOption
          ? fixedPollSchedule(scheduleOption.intervalInMs)
          : createPollSchedule(scheduleOption),
      operationTimeoutInMs: 30 * 60_000,
      clock,
      pacer: () => pacer,
      pollPacer: () => pollPacer,
      pollHints: hints,
      durations,
    },
    reader,
  );
  return { writer, reader, calls, durations, pollPacer };
}
