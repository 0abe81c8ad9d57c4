/**
 * A 64-bit non-cryptographic hash of a string, as 16 lowercase hex digits.
 *
 * Two independent 32-bit lanes (multiply–xor mixing over UTF-16 code units, then a final
 * avalanche) so the result is the same in Node and in a browser without `node:crypto`. Used to
 * compress the per-round labels of the cell-graph hash (`cellGraphHash`).
 *
 * Limitations: not cryptographic; two different strings collide with probability about 2^-64.
 */
export function stringHash64(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex8(h1) + hex8(h2);
}

function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}
