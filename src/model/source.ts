// Where a row comes from in its source file: shared by the document schema and the corrections
// model (src/model/corrections.ts), which the schema embeds.
import { z } from 'zod';

export const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()])
  .describe('[x0, top, x1, bottom] in PDF points from the top-left corner of the page');

export const IndicatorSource = z.union([
  z.object({ page: z.number().int().positive(), bbox }),
  z.object({ sheet: z.string(), row: z.number().int().positive().describe('1-based sheet row') }),
  z.object({ table: z.number().int().nonnegative(), row: z.number().int().nonnegative() }),
]).meta({ id: 'IndicatorSource' });
