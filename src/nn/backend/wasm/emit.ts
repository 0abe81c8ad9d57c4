/**
 * A tiny WebAssembly binary writer: just what the meta network's kernels need (one imported
 * memory, i32/f64/v128 locals, structured control flow, f64 and f64x2 arithmetic), so the
 * module is built from TypeScript at run time with no wasm toolchain installed.
 *
 * Conventions: an instruction helper returns its bytes; a function body is a flat list of
 * bytes. Memory addresses are byte offsets (i32). Encodings follow the WebAssembly 2.0 core
 * specification (binary format, chapter 5), SIMD opcodes included.
 */

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function name(s: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(s));
  return [...uleb(bytes.length), ...bytes];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** One function of the module: signature, extra locals (after the params) and body. */
export interface FuncDef {
  name: string;
  params: ValType[];
  locals: ValType[];
  body: number[];
}

/**
 * A module importing one memory as `env.memory` (at least `minPages` pages) and exporting
 * every function under its name.
 */
export function moduleBytes(funcs: FuncDef[], minPages = 1): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0x00]);
  const imports = vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(minPages)]]);
  const fnSec = vec(funcs.map((_, i) => uleb(i)));
  const exports = vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const code = vec(
    funcs.map((f) => {
      const locals = vec(f.locals.map((t) => [1, t]));
      const body = [...locals, ...f.body, 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, fnSec),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

// instructions (each returns its bytes)
export const get = (i: number): number[] => [0x20, ...uleb(i)];
export const set = (i: number): number[] => [0x21, ...uleb(i)];
export const tee = (i: number): number[] => [0x22, ...uleb(i)];
export const i32c = (v: number): number[] => [0x41, ...sleb(v)];
export function f64c(v: number): number[] {
  const b = new Uint8Array(new Float64Array([v]).buffer);
  return [0x44, ...b];
}
export const i32add = [0x6a];
export const i32sub = [0x6b];
export const i32mul = [0x6c];
export const i32shl = [0x74];
export const i32shrS = [0x75];
export const i32and = [0x71];
export const i32ltS = [0x48];
export const i32leS = [0x4c];
export const i32eqz = [0x45];
export const f64add = [0xa0];
export const f64sub = [0xa1];
export const f64mul = [0xa2];
export const f64div = [0xa3];
export const f64sqrt = [0x9f];
export const f64lt = [0x63];
export const f64ne = [0x62];
export const f64eq = [0x61];
/** Loads and stores: `offset` is a constant byte offset added to the address on the stack. */
export const f64load = (offset = 0): number[] => [0x2b, 3, ...uleb(offset)];
export const f64store = (offset = 0): number[] => [0x39, 3, ...uleb(offset)];
export const i32load = (offset = 0): number[] => [0x28, 2, ...uleb(offset)];
export const i32store = (offset = 0): number[] => [0x36, 2, ...uleb(offset)];
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
export const v128load = (offset = 0): number[] => [...simd(0), 3, ...uleb(offset)];
export const v128store = (offset = 0): number[] => [...simd(11), 3, ...uleb(offset)];
export const f64x2splat = simd(20);
export const f64x2sqrt = simd(239);
export const f64x2eq = simd(71);
export const f64x2ne = simd(72);
export const f64x2pmax = simd(247);
export const v128bitselect = simd(82);
export const i64x2bitmask = simd(196);
export const f64x2add = simd(240);
export const f64x2sub = simd(241);
export const f64x2mul = simd(242);
export const f64x2div = simd(243);

/** `block … end` with no result. */
export const block = (...body: number[][]): number[] => [0x02, 0x40, ...body.flat(), 0x0b];
/** `if … end` on the i32 on the stack. */
export const ifThen = (...body: number[][]): number[] => [0x04, 0x40, ...body.flat(), 0x0b];
/** `if … else … end` on the i32 on the stack. */
export const ifElse = (then: number[][], otherwise: number[][]): number[] => [
  0x04,
  0x40,
  ...then.flat(),
  0x05,
  ...otherwise.flat(),
  0x0b,
];
export const br = (depth: number): number[] => [0x0c, ...uleb(depth)];
export const brIf = (depth: number): number[] => [0x0d, ...uleb(depth)];

/**
 * `for (; i < end; i += step) body`, with i and end i32 locals: a block around a loop whose
 * exit test comes first. Inside `body`, depth 0 is the loop and depth 1 the block.
 */
export function forLoop(i: number, end: number, step: number, ...body: number[][]): number[] {
  return block([
    0x03,
    0x40,
    ...get(i),
    ...get(end),
    0x4e, // i32.ge_s
    ...brIf(1),
    ...body.flat(),
    ...get(i),
    ...i32c(step),
    ...i32add,
    ...set(i),
    ...br(0),
    0x0b,
  ]);
}

/** `select` (a, b, cond → cond ? a : b). */
export const SELECT = 0x1b;
/** f64x2 zeros. */
export const ZERO = [...f64c(0), ...f64x2splat];
/** The address local `base` + local `off` on the stack. */
export const at = (base: number, off: number): number[] => [...get(base), ...get(off), ...i32add];
