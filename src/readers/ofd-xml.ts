// A small element tree for the XML parts of an OFD package, built with htmlparser2 in XML
// mode. Element names lose their namespace prefix (`ofd:TextObject` → `TextObject`): real
// packages mix prefixed and bare names and use the 2016 and the older namespace URI. Entities
// are decoded (`&#x26;` in paths), no DTD is ever read (the ZIP guard refuses parts declaring
// one), and the tree is bounded in elements and depth.
import { Parser } from 'htmlparser2';
import { ExtractError } from '../model/errors.ts';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (its text children joined), not its descendants'. */
  text: string;
}

export interface XmlLimits {
  /** Most elements in one part. */
  maxElements: number;
  /** Deepest element nesting in one part. */
  maxDepth: number;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** The part's text: UTF-8 unless a BOM or the XML declaration says UTF-16 or a GB encoding. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/iu.exec(head)?.[1].toLowerCase();
  if (declared && /^(gbk|gb2312|gb18030)$/u.test(declared)) return new TextDecoder('gb18030').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/u, '');
}

/** Parses one XML part; `where` names it in errors. Throws `too-large` past the limits. */
export function parseXml(bytes: Uint8Array, where: string, limits: XmlLimits): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let count = 0;
  let overflow: ExtractError | null = null;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (overflow) return;
      if (++count > limits.maxElements) {
        overflow = new ExtractError('too-large', `the OFD part ${where} has more than ${limits.maxElements} elements`);
        parser.pause();
        return;
      }
      if (stack.length > limits.maxDepth) {
        overflow = new ExtractError('too-large', `the OFD part ${where} nests elements more than ${limits.maxDepth} deep`);
        parser.pause();
        return;
      }
      const element: XmlElement = { name: localName(name), attrs: attribs, children: [], text: '' };
      stack[stack.length - 1].children.push(element);
      stack.push(element);
    },
    ontext(text) {
      if (!overflow && stack.length > 1) stack[stack.length - 1].text += text;
    },
    onclosetag() {
      if (!overflow && stack.length > 1) stack.pop();
    },
  }, { xmlMode: true, decodeEntities: true });
  parser.write(decodeXml(bytes));
  if (!overflow) parser.end();
  if (overflow) throw overflow;
  return root;
}

/** The first child element named `name`. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child element named `name`. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** The trimmed text of the first child named `name`, or undefined. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const text = child(element, name)?.text.trim();
  return text ? text : undefined;
}

/** The root element of a parsed part (the document's only top-level element). */
export function rootElement(doc: XmlElement): XmlElement | undefined {
  return doc.children[0];
}
