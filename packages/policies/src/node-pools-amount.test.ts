import { isPoolName } from '@aks-scaler/core/common';
import { ConfigError } from '@aks-scaler/core/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNodePoolsAmount } from './node-pools-amount.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseNodePoolsAmount', () => {
  it.each([
    ['{ "manualpool2": 5, "manualpool3": 5 }', { manualpool2: 5, manualpool3: 5 }],
    ['  {"a":0}\n', { a: 0 }],
    ['{"pool12345678":1000}', { pool12345678: 1000 }],
    ['{}', {}],
    ['{"a": 1.0}', { a: 1 }],
  ])('accepts %s', (text, expected) => {
    expect(parseNodePoolsAmount(text)).toEqual(expected);
  });

  it.each([
    ['{ "a": 5, "b": 1, "a": 6 }', 'NODE_POOLS_AMOUNT.a', 'more than once'],
    ['{ "Manual": 5 }', 'NODE_POOLS_AMOUNT.Manual', 'not a valid AKS pool name'],
    ['{ "pool1234567890": 5 }', 'NODE_POOLS_AMOUNT.pool1234567890', 'not a valid AKS pool name'],
    ['{ "a": -1 }', 'NODE_POOLS_AMOUNT.a', 'integer from 0 to 1000'],
    ['{ "a": 1001 }', 'NODE_POOLS_AMOUNT.a', 'integer from 0 to 1000'],
    ['{ "a": 2.5 }', 'NODE_POOLS_AMOUNT.a', 'integer from 0 to 1000'],
    ['{ "a": "5" }', 'NODE_POOLS_AMOUNT.a', 'integer from 0 to 1000'],
    ['{ "a": { "b": 1 } }', 'NODE_POOLS_AMOUNT.a', 'integer from 0 to 1000'],
    ['[1, 2]', 'NODE_POOLS_AMOUNT', 'expected an object'],
    ['5', 'NODE_POOLS_AMOUNT', 'expected an object'],
    ['null', 'NODE_POOLS_AMOUNT', 'expected an object'],
    ['"{ \\"a\\": 5 }"', 'NODE_POOLS_AMOUNT', 'remove the outer quotes'],
    ['', 'NODE_POOLS_AMOUNT', 'JSON object'],
  ])('rejects %s naming %s', (text, path, message) => {
    const error = configError(() => parseNodePoolsAmount(text));
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(error.message).toContain(message);
  });

  it('names nested duplicates only at the top level', () => {
    const error = configError(() => parseNodePoolsAmount('{ "a": { "x": 1, "x": 2 }, "b": 1, "b": 2 }'));
    expect(
      error.issues.map((issue) => issue.message).filter((m) => m.includes('more than once')),
    ).toHaveLength(1);
  });

  it('lists every problem at once', () => {
    const error = configError(() => parseNodePoolsAmount('{ "A": 1, "b": -1, "c": 3 }'));
    expect(error.issues.map((issue) => issue.path)).toEqual(['NODE_POOLS_AMOUNT.A', 'NODE_POOLS_AMOUNT.b']);
  });

  it.each([
    ['{ manualpool2: 5, manualpool3: 5 }'],
    ['manualpool2: 5\nmanualpool3: 5'],
    ["{ 'manualpool2': 5, 'manualpool3': 5 }"],
  ])('shows the quoted JSON form for the YAML-looking value %j', (text) => {
    const error = configError(() => parseNodePoolsAmount(text));
    expect(error.message).toContain(`value: '{ "manualpool2": 5, "manualpool3": 5 }'`);
  });

  it('shows a generic quoting fix for other non-JSON text', () => {
    expect(configError(() => parseNodePoolsAmount('manualpool2=5')).message).toContain(
      'value: \'{ "manualpool2"',
    );
  });

  it('either parses to valid counts or throws a ConfigError (any string)', () => {
    const jsonish = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .dictionary(
          fc.stringMatching(/^[a-zA-Z][a-z0-9]{0,13}$/),
          fc.oneof(fc.integer({ min: -5, max: 1005 }), fc.double()),
        )
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let counts: Record<string, number>;
        try {
          counts = parseNodePoolsAmount(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          return;
        }
        for (const [pool, count] of Object.entries(counts)) {
          expect(isPoolName(pool)).toBe(true);
          expect(Number.isInteger(count) && count >= 0 && count <= 1000).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every valid map', () => {
    const counts = fc.dictionary(
      fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/),
      fc.integer({ min: 0, max: 1000 }),
    );
    fc.assert(
      fc.property(counts, (value) => {
        expect(parseNodePoolsAmount(JSON.stringify(value))).toEqual(value);
      }),
    );
  });
});
