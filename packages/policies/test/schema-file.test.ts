import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, schemaText } from '../scripts/write-schema.js';

describe('scaler-config.schema.json', () => {
  it('is the schema generated from the zod config schema (run scripts/write-schema.ts after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaText());
  });

  it('describes policies as objects with exactly one kind and refuses unknown keys', () => {
    const schema = JSON.parse(schemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['clusters', 'policy']);
    expect(schema.$defs.PolicyConfig).toMatchObject({
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
    });
  });
});
