// Writes packages/policies/scaler-config.schema.json from the zod schema. Run after changing the config schema:
//   pnpm exec tsx --conditions source packages/policies/scripts/write-schema.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scalerConfigJsonSchema } from '../src/config-json-schema.js';

/** Where the generated schema lives (shipped in the package). */
export const SCHEMA_PATH = fileURLToPath(new URL('../scaler-config.schema.json', import.meta.url));

/** The file's exact text: the schema as pretty JSON with a final newline. */
export function schemaText(): string {
  return `${JSON.stringify(scalerConfigJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
