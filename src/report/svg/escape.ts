/** Escapes text for an SVG/XML text node or a double-quoted attribute value (& < > " '). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** A coordinate for SVG output: at most 2 decimals, no trailing zeros, never `-0` or NaN. */
export function coord(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`svg: coordinate ${v} is not finite`);
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** Attribute values of `el`: numbers go through `coord`, undefined attributes are left out. */
export type Attrs = Record<string, string | number | undefined>;

/**
 * One SVG element as text: `<name a="v" .../>`, or `<name ...>text</name>` when `text` is
 * given. Every attribute value and the text are escaped, so callers never build markup by hand.
 */
export function el(name: string, attrs: Attrs, text?: string): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    s += ` ${k}="${typeof v === 'number' ? coord(v) : escapeXml(v)}"`;
  }
  return text === undefined ? `${s}/>` : `${s}>${escapeXml(text)}</${name}>`;
}

/** An opening tag `<name ...>` with escaped attributes (close it with `</name>`). */
export function open(name: string, attrs: Attrs): string {
  return el(name, attrs).slice(0, -2) + '>';
}
