// A schema v1 document brought to v2 without the source file: typed fields from each row's
// `fields` and its table's `columns`, the project block from `context`, quality findings from
// the result. What v1 did not keep stays empty: the 总分 row (`total: null`) and a funds unit
// the form stated outside `context`. Confidence and flags are kept as v1 computed them.
import type { DocumentResult } from '../model/schema.ts';
import { SCHEMA_VERSION } from '../model/schema.ts';
import { readProject } from '../structure/project.ts';
import { typedFieldsOf } from '../structure/typed-fields.ts';
import { reviewTable } from '../quality/review.ts';
import { noticeYear } from './writer.ts';

type V1Document = Omit<DocumentResult, 'schemaVersion' | 'tables'> & {
  schemaVersion: 1;
  tables: (Omit<DocumentResult['tables'][number], 'project' | 'total' | 'quality' | 'indicators'> & {
    indicators: Pick<DocumentResult['tables'][number]['indicators'][number], 'level1' | 'level2' | 'level3' | 'level1Canonical' | 'level2Canonical' | 'operator' | 'value' | 'number' | 'unit' | 'description' | 'fields' | 'source' | 'confidence' | 'flags'>[];
  })[];
};

export function isV1Document(doc: { schemaVersion?: unknown }): doc is V1Document {
  return doc.schemaVersion === 1;
}

export function upgradeV1Document(doc: V1Document): DocumentResult {
  const year = noticeYear(doc.notice);
  return {
    ...doc,
    schemaVersion: SCHEMA_VERSION,
    tables: doc.tables.map((table) => {
      const project = readProject(table.context, table.title);
      const tableYear = project?.year?.value ?? null;
      return reviewTable({
        ...table,
        project,
        total: null,
        indicators: table.indicators.map((row) => ({ ...row, ...typedFieldsOf(row, table.columns, tableYear) })),
      }, year);
    }),
  };
}
