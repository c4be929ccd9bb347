import { MAX_POOL_COUNT, POOL_NAME_PATTERN, tryParseDurationInMs } from '@aks-scaler/core/common';
import { z } from 'zod';

/** An AKS agent pool name. */
export const poolName = z
  .string()
  .regex(
    POOL_NAME_PATTERN,
    'not a valid AKS pool name: use 1-12 lowercase letters or digits, starting with a letter',
  );

/** A node count a policy may ask for (0..1000). */
export const nodeCount = z
  .int(`must be an integer from 0 to ${MAX_POOL_COUNT}`)
  .min(0, `must be an integer from 0 to ${MAX_POOL_COUNT}`)
  .max(MAX_POOL_COUNT, `must be an integer from 0 to ${MAX_POOL_COUNT}`);

/** Pool name -> node count. */
export const poolCounts = z
  .record(poolName, nodeCount)
  .meta({ description: 'Pool name -> node count (0..1000).' });

/**
 * A duration written as text (`90s`, `45m`, `8h`, `1h30m`, `PT8H`), parsed once, here: the parsed config holds it
 * in milliseconds, under the key the file gave it. The JSON Schema (which describes the input) says "a string".
 */
export function durationInMs(options: { allowZero: boolean }) {
  const zero = options.allowZero ? "; '0s' turns it off" : '';
  return z.string().transform((text, ctx) => {
    const ms = tryParseDurationInMs(text, options);
    if (ms !== undefined) return ms;
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `expected a duration such as '90s', '45m', '8h', '1h30m' or 'PT8H'${zero}`,
    });
    return z.NEVER;
  });
}

/**
 * For an object's cross-field rules: run them even when a field already has a problem (so that every problem is
 * listed at once), as long as the value is an object at all.
 */
export const onObjects = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};

/** `a`, `a or b`, `a, b or c`. */
export function either(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Adds the rule "exactly one of these keys is present" to an object schema (generic, so that the schemas of
 * recursive policy configs keep their inferred types).
 */
export function exactlyOneOf<T extends z.ZodObject>(
  schema: T,
  keys: readonly string[],
  messages: { none: string; several: (found: string[]) => string },
): T {
  return schema.superRefine((value, ctx) => {
    const found = keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
    if (found.length === 1) return;
    ctx.addIssue({ code: 'custom', message: found.length === 0 ? messages.none : messages.several(found) });
  }, onObjects);
}
