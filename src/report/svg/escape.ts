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
