// Substring search in PostgreSQL without a word segmenter, with the hits of the SQLite corpus
// (FTS5 trigram and LIKE: a term matches where it is a substring of one field). A field is folded
// like a query (NFKC, Symbol-font characters, lowercase) and cut at whitespace into runs; each run
// is indexed as its character bigrams, in order, whatever the script (Han, Latin, digits,
// punctuation: `5次数` gives `5次` `次数`, so `5次` finds it), and every character also on its own.
// A term of two or more characters is the phrase of its bigrams (`a <-> b`), which matches exactly
// where the term is a substring of a run; a one-character term is that character. Runs and fields
// are kept apart by a position gap, so no phrase runs from one into the next. The tsvector and
// tsquery are written here as literals (no parser of PostgreSQL in between, so both sides cut the
// same way). pg_trgm is no help: its index needs three characters and its similarity is 0 on Chinese.
import { mapSymbolFontChars, safeNfkc } from '../../normalize/text.ts';

/** Where the text is cut into runs: the whitespace queryTerms splits a query at. */
const SPACE = /[\s\u3000]+/u;
/** Positions left free between two runs or fields: a phrase (distance 1) never bridges them. */
const GAP = 2;
/** PostgreSQL's largest tsvector position. */
const MAX_POSITION = 16_383;
/** PostgreSQL keeps at most this many positions of one lexeme. */
const MAX_POSITIONS_PER_LEXEME = 256;

/** TEXT as both sides see it: folded like a query, cut at whitespace into runs of characters. */
function runsOf(text: string): string[][] {
  return safeNfkc(mapSymbolFontChars(text)).toLowerCase().split(SPACE).filter(Boolean).map((run) => [...run]);
}

/** The bigrams of a run, in order. */
function bigrams(run: string[]): string[] {
  const tokens: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) tokens.push(run[i] + run[i + 1]);
  return tokens;
}

/** A lexeme as a quoted tsvector/tsquery literal. */
function quoted(token: string): string {
  // Most tokens hold neither quote nor backslash: no regular expression for them (this runs per bigram of every row).
  if (!token.includes('\\') && !token.includes("'")) return `'${token}'`;
  return `'${token.replace(/\\/gu, '\\\\').replace(/'/gu, "''")}'`;
}

export type Weight = 'A' | 'B' | 'C' | 'D';

/** One field text cut once: the quoted bigrams of each run, and its distinct characters quoted. */
interface CutText {
  runs: string[][];
  singles: string[];
}

/** Cuts of field texts, kept across the rows of one document (its titles, notice and levels repeat on every row). */
export type TermCache = Map<string, CutText>;

function cut(text: string, cache: TermCache): CutText {
  let cutText = cache.get(text);
  if (!cutText) {
    const runs = runsOf(text);
    cutText = { runs: runs.map((run) => bigrams(run).map(quoted)), singles: [...new Set(runs.flat())].map(quoted) };
    cache.set(text, cutText);
  }
  return cutText;
}

/** The positions of one lexeme, as the literal lists them (`3A,17D`), and how many. */
interface Positions {
  list: string;
  count: number;
}

/**
 * The bigrams of FIELDS as a tsvector literal, the first at position FROM + 1; the characters seen
 * go into SINGLES (the first field's weight wins). This runs for every corpus row: one map entry
 * per lexeme, in the order of first occurrence (the literal's order).
 */
function bigramLiteral(fields: [string | null | undefined, Weight][], cache: TermCache, singles: Map<string, Weight>, from: number): string {
  const lexemes = new Map<string, Positions>();
  let position = from;
  for (const [text, weight] of fields) {
    if (!text) continue;
    const { runs, singles: chars } = cut(text, cache);
    for (const ch of chars) if (!singles.has(ch)) singles.set(ch, weight);
    for (const run of runs) {
      for (const token of run) {
        if (++position > MAX_POSITION) break;
        const seen = lexemes.get(token);
        if (seen === undefined) lexemes.set(token, { list: `${position}${weight}`, count: 1 });
        else if (seen.count < MAX_POSITIONS_PER_LEXEME) {
          seen.count++;
          seen.list += `,${position}${weight}`;
        }
      }
      position += GAP;
    }
  }
  const parts: string[] = [];
  for (const [token, { list }] of lexemes) parts.push(`${token}:${list}`);
  return parts.join(' ');
}

/** The characters of SINGLES as a tsvector literal, all at position GAP (after the bigrams they are joined behind). */
function singlesLiteral(singles: Map<string, Weight>): string {
  const parts: string[] = [];
  for (const [ch, weight] of singles) parts.push(`${ch}:${GAP}${weight}`);
  return parts.join(' ');
}

/**
 * A corpus row's terms are tsvector literals joined in SQL (termsSql): the row's own bigrams, its
 * table's, the row's own characters, and its table's characters but those the row has already
 * (a character keeps its first field's weight). PostgreSQL's `||` moves the right side's positions
 * past the left side's last one, so fields stay a gap apart and the characters come after every
 * bigram. What the table's rows share (document and table fields: 2/3 of the lexemes) is cut and
 * sent once per table, not once per row.
 */
export interface SharedTerms {
  /** The bigrams of the shared fields, the first at position GAP + 1: a gap after the row's own. */
  literal: string;
  /** Their characters. */
  singles: string;
}

/** The terms of the fields every row of a table shares, cut once for the table. */
export function sharedTerms(fields: [string | null | undefined, Weight][], cache: TermCache = new Map()): SharedTerms {
  const singles = new Map<string, Weight>();
  const literal = bigramLiteral(fields, cache, singles, GAP);
  return { literal, singles: singlesLiteral(singles) };
}

/** A row's own terms (its fields before the shared ones): its bigrams from position 1, and its characters. */
export function rowTerms(fields: [string | null | undefined, Weight][], cache: TermCache = new Map()): { own: string; singles: string } {
  const singles = new Map<string, Weight>();
  const own = bigramLiteral(fields, cache, singles, 0);
  return { own, singles: singlesLiteral(singles) };
}

/** The SQL of a row's tsvector from the SQL (parameters) of its literals: the row's own and its table's. */
export function termsSql(row: { own: string; singles: string }, shared: SharedTerms): string {
  return `(${row.own}::tsvector || ${shared.literal}::tsvector || ${row.singles}::tsvector || ts_delete(${shared.singles}::tsvector, tsvector_to_array(${row.singles}::tsvector)))`;
}

/** The tsquery phrase of one term: its bigrams in a row, or the character of a one-character term; null for a blank term. */
export function termQuery(term: string): string | null {
  const runs = runsOf(term);
  if (runs.length === 0) return null;
  // A term holds no whitespace (queryTerms splits there); folding may make some: every run must match.
  return runs.map((run) => (run.length === 1 ? quoted(run[0]) : `(${bigrams(run).map(quoted).join(' <-> ')})`)).join(' & ');
}

/** A tsquery literal: every term (AND); null when no term has a character. */
export function tsqueryOf(terms: string[]): string | null {
  const phrases = terms.map(termQuery).filter((phrase): phrase is string => phrase !== null);
  return phrases.length ? phrases.map((phrase) => `(${phrase})`).join(' & ') : null;
}
