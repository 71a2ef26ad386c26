// Template families: indicator tables that share the same structure — the ordered
// (level1Canonical ?? level1, level2Canonical ?? level2, level3) triples, values ignored.
import type { TableKind } from '../model/schema.ts';
import type { CorpusDb } from './schema.ts';
import { valueText } from './search.ts';
import { type StructureTriple, structureOf } from './writer.ts';

export interface TemplateMember {
  path: string;
  docNumber: string | null;
  issuer: string | null;
  tableIndex: number;
  tableTitle: string | null;
  kind: TableKind;
  year: number | null;
}

export interface TemplateFamily {
  /** Short stable hash of the structure (tables.signature). */
  id: string;
  /** Number of tables in the family. */
  members: number;
  /** Number of distinct documents they come from. */
  documents: number;
  /** Indicators per table. */
  indicators: number;
  firstYear: number | null;
  lastYear: number | null;
  /** Distinct table titles, most frequent first. */
  titles: string[];
  /** Distinct issuers, most frequent first. */
  issuers: string[];
  kinds: TableKind[];
  /** Distinct 一级指标 of the structure, in order. */
  level1: string[];
}

export interface TemplateIndicator {
  level1: string | null;
  level2: string | null;
  level3: string;
  /** Distinct values seen across the members (operator + value + unit), most frequent first. */
  values: string[];
}

export interface TemplateDetail extends TemplateFamily {
  indicatorRows: TemplateIndicator[];
  memberTables: TemplateMember[];
}

interface MemberRow {
  signature: string; table_id: number; document_id: number; path: string; doc_number: string | null; issuer: string | null;
  table_index: number; table_title: string | null; kind: TableKind; year: number | null; n: number;
}

/** A member table as both corpora read it: its document, its indicator count and what a listing shows. */
export interface FamilyMember extends TemplateMember {
  documentId: string | number;
  indicators: number;
}

/** One indicator of a member, for the values seen at each position of the structure. */
export interface MemberValue {
  ord: number;
  operator: string | null;
  value: string | null;
  unit: string | null;
}

const MEMBERS = `SELECT t.signature, t.id AS table_id, d.id AS document_id, d.path, d.doc_number, d.issuer, t.idx AS table_index,
  t.title AS table_title, t.kind, t.year, (SELECT count(*) FROM indicators i WHERE i.table_id = t.id) AS n
  FROM tables t JOIN documents d ON d.id = t.document_id`;

function byFrequency(values: (string | null)[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([value]) => value);
}

function structureOfTable(db: CorpusDb, tableId: number): StructureTriple[] {
  const rows = db.prepare(`SELECT level1, level2, level3, level1_canonical AS level1Canonical, level2_canonical AS level2Canonical
    FROM indicators WHERE table_id = ? ORDER BY ord`).all(tableId) as Parameters<typeof structureOf>[0];
  return structureOf(rows);
}

/** The family ID of MEMBERS (in document order), STRUCTURE the first member's. */
export function familyOf(id: string, members: FamilyMember[], structure: StructureTriple[]): TemplateFamily {
  const years = members.map((m) => m.year).filter((y): y is number => y !== null);
  return {
    id,
    members: members.length,
    documents: new Set(members.map((m) => m.documentId)).size,
    indicators: members[0].indicators,
    firstYear: years.length ? Math.min(...years) : null,
    lastYear: years.length ? Math.max(...years) : null,
    titles: byFrequency(members.map((m) => m.tableTitle)),
    issuers: byFrequency(members.map((m) => m.issuer)),
    kinds: byFrequency(members.map((m) => m.kind)) as TableKind[],
    level1: [...new Set(structure.map(([level1]) => level1).filter((l): l is string => l !== null))],
  };
}

/** The detail of family ID: its structure with the values its members give at each position, and the members. */
export function templateDetailOf(id: string, members: FamilyMember[], structure: StructureTriple[], values: MemberValue[]): TemplateDetail {
  const valuesAt = new Map<number, (string | null)[]>();
  for (const row of values) {
    const list = valuesAt.get(row.ord) ?? [];
    list.push(valueText(row));
    valuesAt.set(row.ord, list);
  }
  return {
    ...familyOf(id, members, structure),
    indicatorRows: structure.map(([level1, level2, level3], ord) => ({ level1, level2, level3, values: byFrequency(valuesAt.get(ord) ?? []) })),
    memberTables: members.map((m) => ({
      path: m.path, docNumber: m.docNumber, issuer: m.issuer, tableIndex: m.tableIndex, tableTitle: m.tableTitle, kind: m.kind, year: m.year,
    })),
  };
}

function memberOf(row: MemberRow): FamilyMember {
  return {
    path: row.path, docNumber: row.doc_number, issuer: row.issuer, tableIndex: row.table_index, tableTitle: row.table_title,
    kind: row.kind, year: row.year, documentId: row.document_id, indicators: row.n,
  };
}

function family(db: CorpusDb, id: string, members: MemberRow[]): TemplateFamily {
  return familyOf(id, members.map(memberOf), structureOfTable(db, members[0].table_id));
}

function groups(db: CorpusDb, where = '', params: unknown[] = []): Map<string, MemberRow[]> {
  const rows = db.prepare(`${MEMBERS} ${where} ORDER BY d.path, t.idx`).all(...params) as MemberRow[];
  const bySignature = new Map<string, MemberRow[]>();
  for (const row of rows) {
    if (row.n === 0) continue; // a table without indicators has no structure to share
    const list = bySignature.get(row.signature) ?? [];
    list.push(row);
    bySignature.set(row.signature, list);
  }
  return bySignature;
}

/** Every template family, largest first (then earliest year, then id). */
export function listTemplates(db: CorpusDb, minMembers = 1): TemplateFamily[] {
  return [...groups(db).entries()]
    .filter(([, members]) => members.length >= minMembers)
    .map(([id, members]) => family(db, id, members))
    .sort((a, b) => b.members - a.members || (a.firstYear ?? 9999) - (b.firstYear ?? 9999) || (a.id < b.id ? -1 : 1));
}

/** The LIKE pattern of the family ids starting with PREFIX (an id or a prefix of one), or null when it cannot be one. */
export function templateIdPattern(prefix: string): string | null {
  const like = prefix.toLowerCase().replace(/[^0-9a-f]/gu, '');
  return like && like === prefix.toLowerCase() ? `${like}%` : null;
}

/** Family ids starting with PREFIX (an id or a unique prefix of one). */
export function resolveTemplateId(db: CorpusDb, prefix: string): string[] {
  const pattern = templateIdPattern(prefix);
  if (pattern === null) return [];
  return (db.prepare('SELECT DISTINCT signature FROM tables WHERE signature LIKE ? ORDER BY signature').all(pattern) as { signature: string }[])
    .map((row) => row.signature);
}

/** One family with its indicators (and the values seen for each) and its member tables; null if unknown. */
export function showTemplate(db: CorpusDb, id: string): TemplateDetail | null {
  const members = groups(db, 'WHERE t.signature = ?', [id]).get(id);
  if (!members) return null;
  const values = db.prepare(`SELECT i.ord, i.operator, i.value, i.unit FROM indicators i JOIN tables t ON t.id = i.table_id
    WHERE t.signature = ? ORDER BY i.ord`).all(id) as MemberValue[];
  return templateDetailOf(id, members.map(memberOf), structureOfTable(db, members[0].table_id), values);
}
