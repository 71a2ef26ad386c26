// Library entry: the stages and the one-document pipeline, for programs that embed zhibiao.
export { extractDocument, documentGrids, gridsToTables } from '../pipelines/extract-document.ts';
export { genericTables } from '../pipelines/tables.ts';
export { DocumentResult, Indicator, Table, Notice, documentJsonSchema, SCHEMA_VERSION } from './model/schema.ts';
export type * from './model/layout.ts';
export { ExtractError, type ErrorCode } from './model/errors.ts';
export { sniffFormat } from './readers/sniff.ts';
export { structureGrid } from './structure/table.ts';
export { readNotice } from './notice/metadata.ts';
export { normalizeValue } from './normalize/values.ts';
export { cleanText } from './normalize/text.ts';
export { REVIEW_THRESHOLD, FLAGS } from './confidence/score.ts';
export { convertLegacy, shutdownLibreOffice } from './readers/legacy-convert.ts';
