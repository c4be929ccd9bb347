import { runCli } from '@aks-scaler/examples';
import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI's argument parsing and validation, in-process (`runCli`) against the emulator: any argv ends with an exit
// code of the contract (0-3), never an exception, a stack trace or a token in the output, and only `apply` without
// `--dry-run` may write.
let emulator: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({ operationDurationInMs: 2 });
  env = await emulator.workloadIdentityEnv();
});

afterAll(async () => {
  await emulator.close();
});

const junk = fc.string({ maxLength: 12 }).map((text) => (text.startsWith('-') ? `x${text}` : text));
const FLAGS: Record<string, fc.Arbitrary<string>> = {
  '--subscription': fc.oneof(
    fc.constant('00000000-0000-0000-0000-000000000000'),
    fc.constant('11111111-0000-0000-0000-000000000000'),
    junk,
  ),
  '--resource-group': fc.oneof(fc.constant('myResourceGroup'), junk),
  '--cluster': fc.oneof(fc.constant('myManagedCluster'), fc.constant('missing'), junk),
  '--location': fc.oneof(fc.constant('westeurope'), junk),
  '--pools': fc.oneof(
    fc.constantFrom('{ "manualpool2": 2 }', '{ manualpool2: 2 }', '{"nodepool1":0}', '{"ghost":1}', '[]'),
    junk,
  ),
  '--config': fc.constantFrom('/nonexistent/scaler.yaml', '/etc/hostname', ''),
  '--endpoint': fc.constantFrom('http://127.0.0.1:1', 'not a url', 'https://'),
  '--concurrency': fc.oneof(fc.constantFrom('1', '4', '0', '101', '-1', '2.5'), junk),
  '--operation-timeout': fc.oneof(fc.constantFrom('1ms', '30s', '0s', '5'), junk),
  '--poll-interval': fc.oneof(fc.constantFrom('1ms', '2s', '-1s'), junk),
  '--at': fc.oneof(fc.constantFrom('2026-12-24T09:00:00Z', '2026-13-45T99:00:00Z', 'yesterday', ''), junk),
  '--from': fc.oneof(fc.constantFrom('2026-11-23T00:00:00Z', 'never'), junk),
  '--days': fc.constantFrom('1', '7', '0', '32', 'x'),
  '--step': fc.constantFrom('5m', '1h', '1ms', '59s', 'x'),
  '--timezone': fc.oneof(fc.constantFrom('UTC', 'Europe/Berlin', 'Mars/Base'), junk),
};
const option = fc.oneof(
  fc.constantFrom(...Object.keys(FLAGS)).chain((flag) => FLAGS[flag]!.map((value) => [flag, value])),
  fc.constantFrom(['--json'], ['--dry-run'], ['--help'], ['--version'], ['--no-such-flag']),
  junk.map((token) => [token]),
);
const argv = fc
  .tuple(
    fc.constantFrom('pools', 'plan', 'apply', 'preview', 'help', 'bogus', ''),
    fc.array(option, { maxLength: 5 }),
  )
  .map(([command, options]) => [command, ...options.flat()].filter((token, i) => i > 0 || token !== ''));

function sink() {
  let text = '';
  return {
    stream: {
      write: (chunk: string) => {
        text += chunk;
        return true;
      },
    },
    text: () => text,
  };
}

describe('fuzz: CLI arguments', () => {
  it('any argv ends with a contract exit code, no exception, no stack trace, no token, and writes only on apply', async () => {
    const codes = new Set<number>();
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const out = sink();
        const err = sink();
        const before = emulator.requests.length;
        const code = await runCli(args, {
          stdout: out.stream,
          stderr: err.stream,
          env: { ...env },
          signal: new AbortController().signal,
          ca: emulator.caCert,
        });
        expect([0, 1, 2, 3]).toContain(code);
        codes.add(code);
        requests += emulator.requests.length - before;
        const output = out.text() + err.text();
        expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
        expect(output).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
        const puts = emulator.requests.slice(before).filter((r) => r.method === 'PUT');
        if (args[0] !== 'apply' || args.includes('--dry-run') || code === 2) expect(puts).toEqual([]);
      }),
      // Besides the random argv, always one that reads the pools (the environment names the emulator's cluster)
      // and one that fails validation, so the coverage checks below never depend on what the generator drew.
      { numRuns: 80, examples: [[['pools']], [['plan', '--concurrency', '0']]] },
    );
    // The inputs reach both the validation and the emulator.
    expect([...codes]).toEqual(expect.arrayContaining([0, 2]));
    expect(requests).toBeGreaterThan(0);
  }, 120_000);

  it('validate: any argv ends with 0 or 2 and sends no request at all, with the emulator at hand', async () => {
    const validateOption = fc.oneof(
      fc.constantFrom('--config', '--pools').chain((flag) => FLAGS[flag]!.map((value) => [flag, value])),
      fc.constantFrom(['--json'], ['--help'], ['--no-such-flag']),
      junk.map((token) => [token]),
    );
    const before = emulator.requests.length;
    await fc.assert(
      fc.asyncProperty(fc.array(validateOption, { maxLength: 4 }), async (options) => {
        const out = sink();
        const err = sink();
        const code = await runCli(['validate', ...options.flat()], {
          stdout: out.stream,
          stderr: err.stream,
          env: { ...env },
          signal: new AbortController().signal,
          ca: emulator.caCert,
        });
        expect([0, 2]).toContain(code);
        expect(out.text() + err.text()).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      }),
      { numRuns: 60 },
    );
    expect(emulator.requests.length).toBe(before);
  }, 60_000);
});
