import { expect, test } from 'vitest';
import { parseStandaloneArgs, STANDALONE_USAGE } from './index.js';

test('reads the poll Retry-After, the operation durations and the port', () => {
  expect(
    parseStandaloneArgs([
      '--poll-retry-after',
      '1',
      '--operation-duration',
      '100',
      '--power-operation-duration',
      '250',
      '--port',
      '8443',
    ]),
  ).toEqual({
    kind: 'run',
    options: {
      pollRetryAfterInSeconds: 1,
      operationDurationInMs: 100,
      powerOperationDurationInMs: 250,
      port: 8443,
    },
  });
  expect(parseStandaloneArgs([])).toEqual({ kind: 'run', options: {} });
  // `pnpm emulator -- --flag` passes the `--` through.
  expect(parseStandaloneArgs(['--', '--poll-retry-after', '2'])).toEqual({
    kind: 'run',
    options: { pollRetryAfterInSeconds: 2 },
  });
});

test('--help shows every flag', () => {
  expect(parseStandaloneArgs(['--help'])).toEqual({ kind: 'help', text: STANDALONE_USAGE });
  for (const flag of ['--port', '--operation-duration', '--power-operation-duration', '--poll-retry-after']) {
    expect(STANDALONE_USAGE).toContain(flag);
  }
});

test('bad values name the flag and what was typed; unknown flags show the usage', () => {
  expect(parseStandaloneArgs(['--poll-retry-after', '1.5'])).toEqual({
    kind: 'error',
    message:
      "--poll-retry-after takes a whole number from 0 to 3600; got '1.5'. Example: --poll-retry-after 1",
  });
  expect(parseStandaloneArgs(['--operation-duration', '2s'])).toMatchObject({
    kind: 'error',
    message: expect.stringContaining("--operation-duration takes a whole number from 0 to 3600000; got '2s'"),
  });
  expect(parseStandaloneArgs(['--port', '70000'])).toMatchObject({
    kind: 'error',
    message: expect.stringContaining("got '70000'"),
  });
  const unknown = parseStandaloneArgs(['--retry-after', '1']);
  expect(unknown.kind).toBe('error');
  expect(unknown.kind === 'error' && unknown.message).toContain("Unknown option '--retry-after'");
  expect(unknown.kind === 'error' && unknown.message).toContain('Usage: pnpm emulator [options]');
});
