// HTML built from strings with every interpolated value escaped: a document is untrusted input,
// so a cell holding `<script>` or `<img onerror=…>` reaches the page as text. Only `Html` values
// (built by `html` itself or `raw` for constant markup) pass through unescaped.

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (ch) => ESCAPES[ch]);
}

type Value = Html | string | number | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: literal parts are markup, interpolations are escaped (arrays joined). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

/** Markup written in the code (never document text). */
export const raw = (markup: string): Html => new Html(markup);

/** A JSON value for a data-* attribute (escaped by `html` when interpolated in quotes). */
export const dataJson = (value: unknown): string => JSON.stringify(value);
