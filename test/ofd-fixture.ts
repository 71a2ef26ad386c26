// Small hand-written OFD packages for the reader's tests: page layers as XML strings, plus
// whatever resources, templates or extra entries a case needs.
import { writeZip, type ZipEntry } from '../scripts/bad/zip.ts';

export const NS = 'http://www.ofdspec.org/2016';

export interface FixtureDoc {
  /** Each page's <ofd:Content> inner XML (layers); a string per page. */
  pages: string[];
  /** Extra children of CommonData (TemplatePage …). */
  commonData?: string;
  /** Inner XML of DocumentRes.xml's <ofd:Res>. */
  documentRes?: string;
  /** Extra children of each page before <ofd:Content> (Template references …). */
  pageHead?: string;
}

const FONTS = `<ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/><ofd:Font ID="2" FontName="Times New Roman"/></ofd:Fonts>`;

/** The entries of one document under `dir` (Doc_0, Doc_1 …). */
export function docEntries(dir: string, doc: FixtureDoc): ZipEntry[] {
  const x = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${s}`);
  const entries: ZipEntry[] = [
    {
      name: `${dir}/Document.xml`,
      data: x(`<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>`
        + `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>${doc.commonData ?? ''}</ofd:CommonData>`
        + `<ofd:Pages>${doc.pages.map((_, i) => `<ofd:Page ID="${100 + i}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('')}</ofd:Pages></ofd:Document>`),
    },
    { name: `${dir}/PublicRes.xml`, data: x(`<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res">${FONTS}</ofd:Res>`) },
    { name: `${dir}/DocumentRes.xml`, data: x(`<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res">${doc.documentRes ?? ''}</ofd:Res>`) },
  ];
  doc.pages.forEach((content, i) => {
    entries.push({ name: `${dir}/Pages/Page_${i}/Content.xml`, data: x(`<ofd:Page xmlns:ofd="${NS}">${doc.pageHead ?? ''}<ofd:Content>${content}</ofd:Content></ofd:Page>`) });
  });
  return entries;
}

/** A package of one or more documents; `extra` entries are added as they are. */
export function ofdPackage(docs: FixtureDoc[], extra: ZipEntry[] = []): Buffer {
  const bodies = docs.map((_, i) => `<ofd:DocBody><ofd:DocInfo><ofd:DocID>d${i}</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_${i}/Document.xml</ofd:DocRoot></ofd:DocBody>`).join('');
  const root = { name: 'OFD.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD">${bodies}</ofd:OFD>`) };
  return writeZip([root, ...docs.flatMap((doc, i) => docEntries(`Doc_${i}`, doc)), ...extra]);
}

/** A one-page package. */
export function onePage(layer: string, more: Omit<FixtureDoc, 'pages'> = {}): Buffer {
  return ofdPackage([{ pages: [`<ofd:Layer ID="9">${layer}</ofd:Layer>`], ...more }]);
}

/** A TextObject in mm at (x, y) with Size 5 mm, font 1 (宋体). */
export function text(id: number, x: number, y: number, content: string, attrs = '', code = ''): string {
  return `<ofd:TextObject ID="${id}" Boundary="${x} ${y} 100 6" Font="1" Size="5" ${attrs}><ofd:TextCode X="0" Y="4.4" ${code}>${content}</ofd:TextCode></ofd:TextObject>`;
}
