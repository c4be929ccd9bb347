import { z } from 'zod';
import {
  CLUSTER_ENTRY_JSON_SCHEMA,
  SELECTOR_TAGS_JSON_SCHEMA,
  selectorTagsSchema,
} from './cluster-selector.js';
import { clusterFieldsSchema, scalerConfigSchema } from './config-schema.js';
import { metricConfigSchema } from './metric-schema.js';
import { metricSources } from './metric-sources.js';
import { policyConfigSchema } from './policy-kinds.js';

/**
 * The JSON Schema (draft 2020-12) of the `SCALER_CONFIG` file, for editor completion, generated from the config
 * schema (and so from the registries of policy kinds and metric sources); it describes the file as written. The
 * package ships it as `@aks-scaler/policies/scaler-config.schema.json`; reference it from YAML with
 * `# yaml-language-server: $schema=<path or URL>` or from JSON with a `"$schema"` key.
 */
export function scalerConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scalerConfigSchema, {
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      // The "exactly one" rules are refinements in zod; JSON Schema says them this way.
      if (zodSchema === policyConfigSchema) {
        jsonSchema.minProperties = 1;
        jsonSchema.maxProperties = 1;
      } else if (zodSchema === metricConfigSchema) {
        jsonSchema.oneOf = Object.keys(metricSources).map((name) => ({ required: [name] }));
      } else if (zodSchema === clusterFieldsSchema) {
        Object.assign(jsonSchema, structuredClone(CLUSTER_ENTRY_JSON_SCHEMA));
      } else if (zodSchema === selectorTagsSchema) {
        Object.assign(jsonSchema, structuredClone(SELECTOR_TAGS_JSON_SCHEMA));
      }
    },
  }) as Record<string, unknown>;
}
