import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, schemaText } from '../scripts/write-schema.js';
import { metricSources } from '../src/metric-sources.js';
import { policyKinds } from '../src/policy-kinds.js';

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

  it('is generated from the registries of policy kinds and metric sources', () => {
    const schema = JSON.parse(schemaText());
    expect(Object.keys(schema.$defs.PolicyConfig.properties)).toEqual(Object.keys(policyKinds));
    const metric = schema.$defs.PolicyConfig.properties.metric;
    expect(metric.oneOf).toEqual(Object.keys(metricSources).map((name) => ({ required: [name] })));
    expect(metric.properties.scaleDownStabilization).toMatchObject({ type: 'string' }); // the input, as written
  });

  it("describes each cluster's unknownPools", () => {
    const cluster = JSON.parse(schemaText()).properties.clusters.items;
    expect(cluster.properties.unknownPools).toMatchObject({ type: 'string', enum: ['error', 'warn'] });
    expect(cluster.required).not.toContain('unknownPools');
  });
});
