// OFD reader (GB/T 33190-2016): package → OFD.xml → each DocBody's Document.xml (fonts,
// templates, page list) → each page in the PDF reader's page model, so the PDF table finders
// and page assembly read it unchanged. Signatures, seals, annotations, attachments and
// custom tags are not read (a signed package reads like an unsigned one).
//
// Runs after the ZIP guard (checkZip with `corrupt-ofd`), which has judged sizes, ratios,
// names and DTDs and checked every CRC. Failures: `corrupt-ofd` (no OFD.xml, no readable
// document), `encrypted` (GM/T 0099 encryption), `too-large` (limits of OFD_LIMITS and
// ZHIBIAO_MAX_PAGES); a missing page, template or unit is a warning.
import { ExtractError } from '../model/errors.ts';
import type { PdfPage } from '../model/layout.ts';
import type { ZipEntryInfo } from './zip-guard.ts';
import { OFD_LIMITS, OfdPackage, corruptOfd, type OfdLimits } from './ofd-package.ts';
import { readOfdPage, numbers, type DocumentContext } from './ofd-page.ts';
import { OfdResources, loadResourceList } from './ofd-resources.ts';
import { child, childText, children, type XmlElement } from './ofd-xml.ts';

export interface OfdReadOptions {
  /** A package with more pages (all documents together) is refused with `too-large`. */
  maxPages?: number;
  limits?: OfdLimits;
}

export interface OfdContent {
  /** The pages; a scanned one (images only) carries its images as stored (`PdfPage.images`) for the OCR stage. */
  pages: PdfPage[];
  warnings: string[];
}

function documentContext(pkg: OfdPackage, part: string, doc: XmlElement, warnings: string[]): DocumentContext {
  const common = child(doc, 'CommonData');
  const resources = new OfdResources();
  loadResourceList(pkg, part, common, ['PublicRes', 'DocumentRes'], resources);
  const templates = new Map<string, { path: string | null; zOrder: string }>();
  for (const t of children(common, 'TemplatePage')) {
    if (t.attrs.ID) templates.set(t.attrs.ID, { path: pkg.resolve(part, t.attrs.BaseLoc), zOrder: t.attrs.ZOrder ?? 'Background' });
  }
  return { pkg, part, resources, templates, area: numbers(childText(child(common, 'PageArea'), 'PhysicalBox'), 4), warnings };
}

/** Reads every page of every document in the package (ZIP entries as the guard listed them). */
export function readOfd(bytes: Uint8Array, entries: readonly ZipEntryInfo[], opts: OfdReadOptions = {}): OfdContent {
  const limits = opts.limits ?? OFD_LIMITS;
  const pkg = new OfdPackage(bytes, entries, limits);
  const root = pkg.xml('OFD.xml');
  if (!root) throw corruptOfd(pkg.entry('OFD.xml') ? 'its OFD.xml is empty' : 'it has no OFD.xml');
  if (root.name !== 'OFD') throw corruptOfd(`its OFD.xml holds <${root.name}>, not <OFD>`);
  if (child(root, 'Encryptions') || pkg.entry('Encryptions.xml')) throw new ExtractError('encrypted', 'the OFD package is encrypted (GM/T 0099)');
  const bodies = children(root, 'DocBody');
  if (bodies.length === 0) throw corruptOfd('its OFD.xml names no document (DocBody)');

  const warnings: string[] = [];
  if (bodies.length > limits.maxDocuments) warnings.push(`the package holds ${bodies.length} documents; only the first ${limits.maxDocuments} were read`);
  const docs: { ctx: DocumentContext; pages: (string | null)[] }[] = [];
  for (const [i, body] of bodies.slice(0, limits.maxDocuments).entries()) {
    const docPath = pkg.resolve('OFD.xml', childText(body, 'DocRoot'));
    const doc = pkg.xml(docPath);
    if (!doc || doc.name !== 'Document') {
      warnings.push(`document ${i + 1}: its DocRoot (${docPath ?? 'none'}) is ${doc ? `<${doc.name}>, not a Document` : 'missing from the package'}`);
      continue;
    }
    const part = pkg.partName(docPath);
    const ctx = documentContext(pkg, part, doc, warnings);
    docs.push({ ctx, pages: children(child(doc, 'Pages'), 'Page').map((p) => pkg.resolve(part, p.attrs.BaseLoc)) });
  }
  if (docs.length === 0) throw corruptOfd(warnings[warnings.length - 1] ?? 'no document could be read');
  const total = docs.reduce((n, d) => n + d.pages.length, 0);
  if (opts.maxPages !== undefined && total > opts.maxPages) {
    throw new ExtractError('too-large', `the OFD has ${total} pages (limit ${opts.maxPages}, ZHIBIAO_MAX_PAGES)`);
  }

  const pages: PdfPage[] = [];
  let privateUse = 0;
  for (const { ctx, pages: paths } of docs) {
    for (const path of paths) {
      const read = readOfdPage(ctx, path, pages.length + 1);
      pages.push(read.page);
      privateUse += read.privateUse;
    }
  }
  if (privateUse > 0) {
    warnings.push(`${privateUse} character(s) are private-use code points: their fonts map glyphs to no Unicode, so that text cannot be read`);
  }
  return { pages, warnings };
}
