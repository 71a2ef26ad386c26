// Hostile and broken OFD packages for the hostile-input corpus (scripts/make-bad-files.ts),
// made from the OFD twin of the carry-forward sample: each names the code it must come to.
import { join } from 'node:path';
import { type ZipEntry, readZip, writeZip, writeZipBomb } from './zip.ts';

const PAGE = 'Doc_0/Pages/Page_0/Content.xml';

function replace(entries: ZipEntry[], name: string, edit: (xml: string) => string): ZipEntry[] {
  return entries.map((e) => (e.name === name ? { ...e, data: Buffer.from(edit(e.data.toString('utf8'))) } : e));
}

/** A page whose only object is a composite unit: one that draws itself, and eight levels each drawing the next ten times (10^8 objects). */
function compositeBomb(entries: ZipEntry[]): ZipEntry[] {
  const levels = Array.from({ length: 8 }, (_, i) => `<ofd:CompositeGraphicUnit ID="${9000 + i}" Width="1" Height="1"><ofd:Content>${
    Array.from({ length: 10 }, (_, k) => `<ofd:CompositeObject ID="${k}" Boundary="0 0 1 1" ResourceID="${i === 7 ? 9000 : 9001 + i}"/>`).join('')}</ofd:Content></ofd:CompositeGraphicUnit>`).join('');
  const withUnits = replace(entries, 'Doc_0/DocumentRes.xml', (xml) => xml.replace('</ofd:Res>', `<ofd:CompositeGraphicUnits>${levels}</ofd:CompositeGraphicUnits></ofd:Res>`));
  return replace(withUnits, PAGE, (xml) => xml.replace(/<ofd:Layer ID="(\d+)">/u, '<ofd:Layer ID="$1"><ofd:CompositeObject ID="8999" Boundary="0 0 10 10" ResourceID="9000"/>'));
}

export interface BadOfd {
  name: string;
  bytes?: Buffer;
  kind: string;
  expect: string;
  sameTablesAs?: string;
}

/** The bad OFD files; the zip bomb is written straight to `dir` (4 MB on disk). */
export function badOfdFiles(ofd: Buffer, dir: string): BadOfd[] {
  const entries = readZip(ofd);
  writeZipBomb(join(dir, 'bomb.ofd'), entries.filter((e) => e.name !== PAGE), PAGE, { mib: 4095 });
  return [
    { name: 'truncated.ofd', bytes: ofd.subarray(0, Math.floor(ofd.length / 2)), kind: 'truncated OFD', expect: 'corrupt-ofd' },
    { name: 'bomb.ofd', kind: 'OFD zip bomb: 4 MB → 4 GiB Content.xml', expect: 'zip-bomb' },
    { name: 'traversal.ofd', bytes: writeZip([...entries, { name: '../../Doc_0/x.xml', data: Buffer.from('<x/>') }]), kind: 'OFD with an entry named ../../Doc_0/x.xml', expect: 'unsafe-zip' },
    {
      name: 'xxe.ofd',
      bytes: writeZip(replace(entries, PAGE, (xml) => xml.replace('<ofd:Page', '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><ofd:Page'))),
      kind: 'OFD page declaring an external entity',
      expect: 'unsafe-xml',
    },
    {
      name: 'no-document.ofd',
      bytes: writeZip(replace(entries, 'OFD.xml', (xml) => xml.replace('Doc_0/Document.xml', '../Doc_9/Document.xml'))),
      kind: 'OFD whose DocRoot climbs out of the package',
      expect: 'corrupt-ofd',
    },
    { name: 'composite-bomb.ofd', bytes: writeZip(compositeBomb(entries)), kind: 'OFD page drawing a composite unit 10^8 times (and one that draws itself)', expect: 'too-large' },
    {
      name: 'deep.ofd',
      bytes: writeZip(replace(entries, PAGE, (xml) => xml.replace('</ofd:Layer>', `${Array.from({ length: 5000 }, (_, i) => `<ofd:PageBlock ID="${i}">`).join('')}${'</ofd:PageBlock>'.repeat(5000)}</ofd:Layer>`))),
      kind: 'OFD page nesting 5,000 PageBlocks',
      expect: 'too-large',
    },
    {
      name: 'huge-numbers.ofd',
      bytes: writeZip(replace(entries, PAGE, (xml) => xml.replace('</ofd:Layer>', `<ofd:TextObject ID="1" Boundary="1e308 -1e308 1e308 1" CTM="1e300 0 0 1e300 0 0" Font="1" Size="1e300">`
        + `<ofd:TextCode X="0" Y="0" DeltaX="g 4000000000 1e308">说明</ofd:TextCode></ofd:TextObject>`
        + `<ofd:PathObject ID="2" Boundary="0 0 1 1"><ofd:AbbreviatedData>M 0 0 ${'L 1e308 NaN '.repeat(3)}</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer>`))),
      kind: 'OFD with `g 4000000000 d` deltas and numbers at 1e308',
      expect: 'ok',
      sameTablesAs: 'ofd/carry-forward.ofd',
    },
    { name: 'no-root.ofd', bytes: writeZip(entries.filter((e) => e.name !== 'OFD.xml').concat({ name: 'Doc_0/OFD.xml.txt', data: Buffer.from('x') })), kind: 'OFD without OFD.xml', expect: 'corrupt-ofd' },
  ];
}
