import { z } from 'zod';
import { scalerConfigSchema } from './config-schema.js';

/**
 * The JSON Schema (draft 2020-12) of the `SCALER_CONFIG` file, for editor completion. The package ships it as
 * `@aks-scaler/policies/scaler-config.schema.json`; reference it from YAML with
 * `# yaml-language-server: $schema=<path or URL>` or from JSON with a `"$schema"` key.
 */
export function scalerConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scalerConfigSchema, {
    io: 'input',
    override: ({ jsonSchema }) => {
      const node = jsonSchema as Record<string, unknown>;
      // A policy has exactly one kind; zod checks it in a refinement, JSON Schema says it this way.
      if (
        node.id === 'PolicyConfig' ||
        (typeof node.description === 'string' && node.description.startsWith('One policy:'))
      ) {
        node.minProperties = 1;
        node.maxProperties = 1;
      }
    },
  }) as Record<string, unknown>;
  return schema;
}
