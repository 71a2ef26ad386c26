// `zhibiao schema`: the JSON Schema of the per-document output, from the zod model.
import { documentJsonSchema } from '../model/schema.ts';

export default function schemaCommand(): void {
  process.stdout.write(`${JSON.stringify(documentJsonSchema(), null, 2)}\n`);
}
