/**
 * Writes public/scenario.schema.json, the JSON Schema of the scenario format, from the valibot
 * schemas the parser uses (`npm run schema`). Editors use it to complete and check scenario files.
 *
 * The JSON Schema is the structure only: fields, types, allowed values, ranges, patterns,
 * descriptions and defaults. Checks JSON Schema cannot say (a real calendar date, a known time
 * zone, a duration's least value, unique ids, times within the scenario) are `check` actions,
 * skipped here; the parser still makes them.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  EventSchema,
  FaultSchema,
  GenerateSchema,
  LogicSchema,
  QuerySchema,
  ScenarioInputSchema,
  UnifiedSchema,
} from '../src/engine/scenario/scenario.schema.ts';

/** The JSON Schema document, `$schema`, `title` and `description` first. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(ScenarioInputSchema, {
    target: 'draft-07',
    // Objects are `pipe(notArray, strictObject)`: describe the last schema of each pipe.
    typeMode: 'output',
    ignoreActions: ['check'],
    errorMode: 'throw',
    definitions: {
      event: EventSchema,
      generate: GenerateSchema,
      logic: LogicSchema,
      fault: FaultSchema,
      query: QuerySchema,
      unified: UnifiedSchema,
    },
  });
  const { $schema, title, description, ...rest } = schema;
  return { $schema, title, description, ...rest };
}

/** The file's text: pretty JSON, as committed. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

// Run as a script (not when a test imports it to check the committed file is current).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = fileURLToPath(new URL('../public/scenario.schema.json', import.meta.url));
  writeFileSync(target, scenarioJsonSchemaText());
  console.log(`wrote ${target}`);
}
