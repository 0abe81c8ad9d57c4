/**
 * MD5 (RFC 1321) in plain TypeScript, so the NB101 graph hash runs in a browser as well as in
 * Node. Tests cross-check it against `node:crypto`.
 *
 * Limitations: MD5 is used here only as the fingerprint the official NAS-Bench-101 dataset is
 * keyed by; it is not a secure hash.
 */

// per-round left-rotation amounts and the sine-derived additive constants of RFC 1321
const SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
  20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6,
  10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;

const HEX = '0123456789abcdef';
const words = new Int32Array(16);
let scratch = new Uint8Array(1024);

/** Lowercase hex MD5 digest (32 chars) of the UTF-8 bytes of `text`. */
export function md5Hex(text: string): string {
  // encode: ASCII fast path, TextEncoder for anything else
  let len = text.length;
  let bytes: Uint8Array;
  let ascii = true;
  for (let i = 0; i < len; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (scratch.length < len + 72) scratch = new Uint8Array(2 * (len + 72));
    for (let i = 0; i < len; i++) scratch[i] = text.charCodeAt(i);
    bytes = scratch;
  } else {
    const enc = new TextEncoder().encode(text);
    len = enc.length;
    bytes = new Uint8Array(len + 72);
    bytes.set(enc);
  }
  return md5HexOfBytes(bytes, len);
}

/**
 * Lowercase hex MD5 digest of `bytes[0, len)`. `bytes` must have room for the padding
 * (at least `len + 72` bytes); the bytes after `len` are overwritten.
 */
function md5HexOfBytes(bytes: Uint8Array, len: number): string {
  // pad: 0x80, zeros to 56 mod 64, then the bit length as a little-endian uint64
  const total = ((len + 8) >>> 6) * 64 + 64;
  bytes[len] = 0x80;
  for (let i = len + 1; i < total - 8; i++) bytes[i] = 0;
  const bitsLo = (len * 8) >>> 0;
  const bitsHi = Math.floor((len * 8) / 4294967296) >>> 0;
  for (let i = 0; i < 4; i++) {
    bytes[total - 8 + i] = (bitsLo >>> (8 * i)) & 0xff;
    bytes[total - 4 + i] = (bitsHi >>> (8 * i)) & 0xff;
  }

  // compress: one 64-byte block at a time
  let a0 = 0x67452301 | 0;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476 | 0;
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) {
      const p = off + 4 * i;
      words[i] = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24);
    }
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const sum = (f + a + K[i]! + words[g]!) | 0;
      const s = SHIFTS[i]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }

  // digest: the four state words, little-endian, as hex
  let out = '';
  for (const w of [a0, b0, c0, d0]) {
    for (let i = 0; i < 4; i++) {
      const byte = (w >>> (8 * i)) & 0xff;
      out += HEX[byte >>> 4]! + HEX[byte & 15]!;
    }
  }
  return out;
}
