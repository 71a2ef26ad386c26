// One OFD page (GB/T 33190 §7.7) → the PDF reader's page model: template layers (by ZOrder)
// and the page's own layers, each object placed by its Boundary and CTM, CompositeObjects
// drawn from their units, all mapped from millimetres (y down) to points (y down).
import { ExtractError } from '../model/errors.ts';
import type { BBox, ImageMatrix, PageImage, PdfPage, Ruling, TextRun } from '../model/layout.ts';
import { boxOf, multiply, pageRulings, pathRulings, round, applyMatrix, type Matrix } from './pdf-paths.ts';
import type { OfdPackage } from './ofd-package.ts';
import { abbreviatedPath } from './ofd-path.ts';
import { OfdResources, loadResourceList } from './ofd-resources.ts';
import { textObjectRuns } from './ofd-text.ts';
import { child, childText, children, type XmlElement } from './ofd-xml.ts';

export const MM_TO_PT = 72 / 25.4;

/** An image drawn on a page: its unit square's place on the page, and the package part holding it (null: not in the package). */
interface OfdImage {
  matrix: ImageMatrix;
  path: string | null;
}

export interface OfdPage {
  page: PdfPage;
  /** Characters in the private-use area (no Unicode behind the glyphs). */
  privateUse: number;
}

/** What every page of one document shares. */
export interface DocumentContext {
  pkg: OfdPackage;
  /** The Document.xml part (paths inside it resolve from there). */
  part: string;
  resources: OfdResources;
  /** TemplatePage ID → its Content.xml path and default ZOrder. */
  templates: Map<string, { path: string | null; zOrder: string }>;
  /** CommonData/PageArea/PhysicalBox, mm. */
  area: number[] | null;
  warnings: string[];
}

interface Drawing {
  ctx: DocumentContext;
  res: OfdResources;
  runs: TextRun[];
  rulings: Ruling[];
  images: OfdImage[];
  privateUse: number;
  objects: number;
  pageNumber: number;
  /** CompositeGraphicUnit IDs being drawn (a unit drawing itself is skipped). */
  units: Set<string>;
}

export function numbers(value: string | undefined, count: number): number[] | null {
  if (!value) return null;
  const v = value.trim().split(/[\s,]+/u).map(Number);
  return v.length >= count && v.slice(0, count).every(Number.isFinite) ? v.slice(0, count) : null;
}

/** The object's coordinates → its parent's: its CTM, then moved to its Boundary's corner. */
function objectMatrix(obj: XmlElement, parent: Matrix): Matrix {
  const [bx, by] = numbers(obj.attrs.Boundary, 4) ?? [0, 0];
  const ctm = (numbers(obj.attrs.CTM, 6) as Matrix | null) ?? [1, 0, 0, 1, 0, 0];
  return multiply(parent, multiply([1, 0, 0, 1, bx, by], ctm));
}

function boundaryBox(obj: XmlElement, parent: Matrix): BBox | null {
  const b = numbers(obj.attrs.Boundary, 4);
  if (!b) return null;
  const [x, y, w, h] = b;
  return boxOf([[x, y], [x + w, y], [x, y + h], [x + w, y + h]].map(([px, py]) => applyMatrix(parent, px, py)));
}

/** A colour that paints nothing a reader sees: fully transparent, or white (within 7/255). */
function blankColor(color: XmlElement | undefined, res: OfdResources): boolean {
  if (!color) return false;
  if (color.attrs.Alpha !== undefined && Number(color.attrs.Alpha) === 0) return true;
  if (color.children.length > 0 || !color.attrs.Value) return false; // shading, pattern, palette index
  const v = color.attrs.Value.trim().split(/\s+/u).map((t) => (t.startsWith('#') ? parseInt(t.slice(1), 16) : Number(t)));
  if (v.some((x) => !Number.isFinite(x))) return false;
  const space = res.colorSpace(color.attrs.ColorSpace);
  if (space === 'CMYK') return v.length >= 4 && v.every((x) => x <= 7);
  return v.length > 0 && v.every((x) => x >= 248);
}

/** The colour element for `name` (StrokeColor/FillColor): the object's own, else its DrawParam chain's, else the layer's. */
function colorOf(obj: XmlElement, name: string, layerParam: XmlElement | undefined, res: OfdResources): XmlElement | undefined {
  const own = child(obj, name);
  if (own) return own;
  let param = res.drawParam(obj.attrs.DrawParam) ?? layerParam;
  for (let hops = 0; param && hops < 8; hops++) {
    const found = child(param, name);
    if (found) return found;
    param = res.drawParam(param.attrs.Relative);
  }
  return undefined;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value.trim() === 'true';
}

function drawPath(obj: XmlElement, m: Matrix, layerParam: XmlElement | undefined, d: Drawing): void {
  const data = childText(obj, 'AbbreviatedData');
  if (!data) return;
  const stroke = flag(obj.attrs.Stroke, true) && !blankColor(colorOf(obj, 'StrokeColor', layerParam, d.res), d.res);
  const fill = flag(obj.attrs.Fill, false) && !blankColor(colorOf(obj, 'FillColor', layerParam, d.res), d.res);
  if (!stroke && !fill) return;
  pathRulings(abbreviatedPath(data, d.ctx.pkg.limits.maxElements), m, stroke, fill, d.rulings);
}

function warnOnce(ctx: DocumentContext, warning: string): void {
  if (!ctx.warnings.includes(warning)) ctx.warnings.push(warning);
}

function drawObjects(container: XmlElement, parent: Matrix, layerParam: XmlElement | undefined, d: Drawing, depth: number): void {
  for (const obj of container.children) {
    if (++d.objects > d.ctx.pkg.limits.maxObjectsPerPage) {
      throw new ExtractError('too-large', `page ${d.pageNumber} of the OFD draws more than ${d.ctx.pkg.limits.maxObjectsPerPage} objects`);
    }
    switch (obj.name) {
      case 'TextObject': {
        const m = objectMatrix(obj, parent);
        const font = d.res.font(obj.attrs.Font);
        const { runs, privateUse } = textObjectRuns(obj, m, boundaryBox(obj, parent), font?.name ?? '');
        d.runs.push(...runs);
        d.privateUse += privateUse;
        break;
      }
      case 'PathObject':
        drawPath(obj, objectMatrix(obj, parent), layerParam, d);
        break;
      case 'ImageObject': {
        // The CTM maps the image's unit square (y down, as the page) into the object's Boundary.
        const matrix = objectMatrix(obj, parent);
        if (matrix.every(Number.isFinite)) d.images.push({ matrix, path: d.res.media(obj.attrs.ResourceID)?.path ?? null });
        break;
      }
      case 'CompositeObject': {
        const id = obj.attrs.ResourceID ?? '';
        const unit = d.res.unit(id);
        const content = child(unit, 'Content');
        if (!content) warnOnce(d.ctx, `page ${d.pageNumber}: composite object ${obj.attrs.ID ?? '?'} names unit ${id}, which the resources do not hold`);
        else if (depth >= d.ctx.pkg.limits.maxNesting || d.units.has(id)) {
          warnOnce(d.ctx, `page ${d.pageNumber}: composite unit ${id} nests too deep or draws itself; skipped`);
        } else {
          d.units.add(id);
          drawObjects(content, objectMatrix(obj, parent), layerParam, d, depth + 1);
          d.units.delete(id);
        }
        break;
      }
      case 'PageBlock':
        if (depth < d.ctx.pkg.limits.maxNesting) drawObjects(obj, parent, layerParam, d, depth + 1);
        break;
    }
  }
}

const LAYER_ORDER = new Map([['Background', 0], ['Body', 1], ['Custom', 1], ['Foreground', 2]]);

/** Draws one page or template part: its Background templates, its layers, its Foreground templates. */
function drawPart(pagePart: XmlElement, pageTemplates: XmlElement[], m: Matrix, d: Drawing, depth: number): void {
  const templates = (zOrder: 'Background' | 'Foreground') => {
    for (const ref of pageTemplates) {
      const template = d.ctx.templates.get(ref.attrs.TemplateID ?? '');
      if (!template) continue;
      if ((ref.attrs.ZOrder ?? template.zOrder) !== zOrder) continue;
      const xml = d.ctx.pkg.xml(template.path);
      if (!xml) {
        d.ctx.warnings.push(`page ${d.pageNumber}: template ${ref.attrs.TemplateID} (${template.path ?? '?'}) is missing from the package`);
      } else if (depth < d.ctx.pkg.limits.maxNesting) {
        const tpart = d.ctx.pkg.partName(template.path);
        const saved = d.res;
        d.res = new OfdResources(saved);
        loadResourceList(d.ctx.pkg, tpart, xml, ['PageRes'], d.res);
        drawPart(xml, children(xml, 'Template').filter((t) => t.attrs.TemplateID !== ref.attrs.TemplateID), m, d, depth + 1);
        d.res = saved;
      }
    }
  };
  templates('Background');
  const layers = children(child(pagePart, 'Content'), 'Layer')
    .map((layer, i) => ({ layer, i, rank: LAYER_ORDER.get(layer.attrs.Type ?? 'Body') ?? 1 }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { layer } of layers) drawObjects(layer, m, d.res.drawParam(layer.attrs.DrawParam), d, 0);
  templates('Foreground');
}

/** The page size in mm: the page's own PhysicalBox, else the document's, else A4. */
function pageBox(page: XmlElement | null, ctx: DocumentContext): number[] {
  const own = numbers(childText(child(page ?? undefined, 'Area'), 'PhysicalBox'), 4);
  const box = own ?? ctx.area ?? [0, 0, 210, 297];
  return box[2] > 0 && box[3] > 0 ? box : [0, 0, 210, 297];
}

/** Reads the page whose Content.xml is at `path`. */
export function readOfdPage(ctx: DocumentContext, path: string | null, number: number): OfdPage {
  const xml = ctx.pkg.xml(path, false);
  if (!xml) ctx.warnings.push(`page ${number}: its content (${path ?? 'no BaseLoc'}) is missing from the package`);
  const [x0, y0, w, h] = pageBox(xml, ctx);
  const m: Matrix = [MM_TO_PT, 0, 0, MM_TO_PT, -x0 * MM_TO_PT, -y0 * MM_TO_PT];
  const part = ctx.pkg.partName(path);
  const d: Drawing = { ctx, res: new OfdResources(ctx.resources), runs: [], rulings: [], images: [], privateUse: 0, objects: 0, pageNumber: number, units: new Set() };
  if (xml) {
    loadResourceList(ctx.pkg, part, xml, ['PageRes'], d.res);
    drawPart(xml, children(xml, 'Template'), m, d, 0);
  }
  const width = round(w * MM_TO_PT);
  const height = round(h * MM_TO_PT);
  const page: PdfPage = { number, width, height, runs: d.runs, rulings: pageRulings(d.rulings, width, height), scanned: d.runs.length === 0 && d.images.length > 0 };
  if (page.scanned) page.images = scanImages(ctx, d.images, number);
  return { page, privateUse: d.privateUse };
}

/** A scanned page's images for the OCR stage, as the package stores them (JPEG, PNG, TIFF, BMP, GIF …). */
function scanImages(ctx: DocumentContext, images: OfdImage[], number: number): PageImage[] {
  const out: PageImage[] = [];
  for (const image of images) {
    const bytes = ctx.pkg.bytesOf(image.path);
    if (bytes) out.push({ kind: 'encoded', matrix: image.matrix.map(round) as ImageMatrix, bytes: new Uint8Array(bytes) });
    else warnOnce(ctx, `page ${number}: an image it draws is missing from the package`);
  }
  return out;
}
