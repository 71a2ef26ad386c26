// The fonts of the embedded-font writer (fonts-noto-cjk) and the metrics both PDF writers
// lay out with. Font files are read once per process; advance widths are cached per character.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stSongWidth } from '../../lib/cid-font.ts';
import type { FontMetrics } from '../layout/drawing.ts';

export const NOTO_DIR = '/usr/share/fonts/opentype/noto';

export interface NotoFace {
  file: string;
  /** PostScript name of the face inside the collection. */
  postscript: string;
}

/** The faces per typeface: regular, bold, monospace (Noto Sans Mono CJK lives in the sans collections). */
export const NOTO_FACES = {
  sans: {
    regular: { file: 'NotoSansCJK-Regular.ttc', postscript: 'NotoSansCJKsc-Regular' },
    bold: { file: 'NotoSansCJK-Bold.ttc', postscript: 'NotoSansCJKsc-Bold' },
    mono: { file: 'NotoSansCJK-Regular.ttc', postscript: 'NotoSansMonoCJKsc-Regular' },
  },
  serif: {
    regular: { file: 'NotoSerifCJK-Regular.ttc', postscript: 'NotoSerifCJKsc-Regular' },
    bold: { file: 'NotoSerifCJK-Bold.ttc', postscript: 'NotoSerifCJKsc-Bold' },
    mono: { file: 'NotoSansCJK-Regular.ttc', postscript: 'NotoSansMonoCJKsc-Regular' },
  },
} as const satisfies Record<string, Record<string, NotoFace>>;

export type Typeface = keyof typeof NOTO_FACES;

export function notoAvailable(): boolean {
  return existsSync(`${NOTO_DIR}/${NOTO_FACES.sans.regular.file}`) && existsSync(`${NOTO_DIR}/${NOTO_FACES.serif.regular.file}`);
}

const files = new Map<string, Buffer>();
export function fontFile(name: string): Buffer {
  let buf = files.get(name);
  if (!buf) {
    const path = `${NOTO_DIR}/${name}`;
    if (!existsSync(path)) throw new Error(`${path} is missing: apt-get install fonts-noto-cjk`);
    buf = readFileSync(path);
    files.set(name, buf);
  }
  return buf;
}

interface FontkitFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}
interface Fontkit {
  create(buffer: Buffer, postscriptName?: string): FontkitFont;
}
// fontkit comes with pdfkit; only advance widths are read from it (no shaping: fast).
const fontkit = createRequire(import.meta.url)('fontkit') as Fontkit;

const metricsCache = new Map<string, FontMetrics>();

function faceMetrics(face: NotoFace): (text: string, size: number) => number {
  const font = fontkit.create(fontFile(face.file), face.postscript);
  const em = font.unitsPerEm;
  const widths = new Map<number, number>();
  return (text, size) => {
    let w = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let adv = widths.get(cp);
      if (adv === undefined) {
        adv = font.glyphForCodePoint(cp).advanceWidth / em;
        widths.set(cp, adv);
      }
      w += adv;
    }
    return w * size;
  };
}

export function notoMetrics(typeface: Typeface): FontMetrics {
  let m = metricsCache.get(typeface);
  if (!m) {
    const faces = NOTO_FACES[typeface];
    const regular = faceMetrics(faces.regular);
    const bold = faceMetrics(faces.bold);
    const mono = faceMetrics(faces.mono);
    m = { width: (text, size, style = {}) => (style.mono ? mono : style.bold ? bold : regular)(text, size) };
    metricsCache.set(typeface, m);
  }
  return m;
}

/** STSong-Light as the hand writer declares it: ASCII half width, everything else one em. */
export const STSONG_METRICS: FontMetrics = { width: (text, size) => stSongWidth(text, size) };
