/** One element found by `parseXml`: its name, attributes and decoded text content. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

function decode(s: string, where: string): string {
  for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) {
    if (!ENTITY.test(s.slice(k))) throw new Error(`xml: bare & in ${where}: ${s.slice(k, k + 12)}`);
  }
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * A deliberately small well-formedness checker for the SVG the report writes: one root element,
 * every tag closed in order, attributes `name="value"` without duplicates, no raw `<` in text
 * or attributes, `&` only as an entity. Throws Error describing the first fault; returns every
 * element in document order (text = the element's own decoded text children, concatenated).
 */
export function parseXml(xml: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    if (xml.startsWith('<?', i)) {
      const e = xml.indexOf('?>', i);
      if (e < 0) throw new Error('xml: unterminated <?');
      i = e + 2;
    } else if (xml.startsWith('<!--', i)) {
      const e = xml.indexOf('-->', i);
      if (e < 0) throw new Error('xml: unterminated comment');
      i = e + 3;
    } else if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m) throw new Error(`xml: bad closing tag at ${i}`);
      const top = stack.pop();
      if (!top || top.name !== m[0]) {
        throw new Error(`xml: </${m[0]}> closes <${top?.name ?? 'nothing'}> at ${i}`);
      }
      i += 2 + m[0].length;
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml[i] !== '>') throw new Error(`xml: expected > after </${m[0]} at ${i}`);
      i++;
    } else if (xml[i] === '<') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) throw new Error(`xml: bad tag name at ${i}: ${xml.slice(i, i + 10)}`);
      const el: XmlElement = { name: m[0], attrs: {}, text: '' };
      i += 1 + m[0].length;
      for (;;) {
        const ws = /^\s*/.exec(xml.slice(i))![0].length;
        i += ws;
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        if (ws === 0) throw new Error(`xml: no space before attribute in <${el.name}> at ${i}`);
        const a = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(xml.slice(i));
        if (!a) throw new Error(`xml: bad attribute in <${el.name}>: ${xml.slice(i, i + 20)}`);
        if (a[1]! in el.attrs) throw new Error(`xml: duplicate attribute ${a[1]} in <${el.name}>`);
        if (a[2]!.includes('<')) throw new Error(`xml: raw < in attribute ${a[1]} of <${el.name}>`);
        el.attrs[a[1]!] = decode(a[2]!, `attribute ${a[1]}`);
        i += a[0].length;
      }
      if (stack.length === 0) roots++;
      if (roots > 1) throw new Error('xml: more than one root element');
      out.push(el);
      if (xml.startsWith('/>', i)) i += 2;
      else {
        stack.push(el);
        i += 1;
      }
    } else {
      const e = xml.indexOf('<', i);
      const text = xml.slice(i, e < 0 ? xml.length : e);
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`xml: text outside the root: ${text.slice(0, 20)}`);
      } else {
        stack[stack.length - 1]!.text += decode(text, 'text');
      }
      if (text.includes('>') && stack.length === 0) throw new Error('xml: stray >');
      i = e < 0 ? xml.length : e;
    }
  }
  if (stack.length > 0) throw new Error(`xml: <${stack[stack.length - 1]!.name}> is never closed`);
  if (roots !== 1) throw new Error('xml: no root element');
  return out;
}
