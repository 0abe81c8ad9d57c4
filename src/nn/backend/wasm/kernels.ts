/**
 * The WebAssembly kernels of the wasm backend, written with the tiny emitter in `emit.ts`.
 *
 * Every kernel does the same floating-point operations in the same order as its JS twin in
 * `../cpu.ts` (no fused multiply-add exists in core wasm), so results are bit-identical up to
 * the sign of zeros: vectorised loops run over independent outputs (two f64 lanes per f64x2
 * instruction), never across a sum. Where the JS kernel skips a zero delta, the wasm kernel
 * adds `a · 0` instead, which leaves the sum unchanged (Limitation, as in JS: ±∞ · 0 gives NaN
 * here where JS skips it).
 *
 * Arguments are byte addresses into the one imported memory, plus sizes and flags (i32) and
 * Adam's scalars (f64).
 */
import {
  at,
  F64,
  f64add,
  f64c,
  f64div,
  f64load,
  f64mul,
  f64ne,
  f64sqrt,
  f64store,
  f64sub,
  f64x2add,
  f64x2div,
  f64x2mul,
  f64x2splat,
  f64x2sqrt,
  f64x2sub,
  forLoop,
  get,
  I32,
  i32add,
  i32c,
  i32mul,
  i32shl,
  i32shrS,
  i32store,
  i32sub,
  moduleBytes,
  set,
  tee,
  V128,
  v128load,
  v128store,
  type FuncDef,
} from './emit.js';
import { bwd, fwd } from './dense.js';

/**
 * adam(param, grad, m, v, start, end, stepSize, beta1, beta2, epsilon): elements [start, end)
 * of Keras' Adam step, as `adamUpdate` in `../cpu.ts`.
 */
function adam(): FuncDef {
  const [P, G, M, V, START, END, STEP, B1, B2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [I, E, EV] = [10, 11, 12];
  const [C1, C2] = [13, 14];
  const [SV, B1V, B2V, C1V, C2V, EPSV, GV, MV, VV] = [15, 16, 17, 18, 19, 20, 21, 22, 23];
  const [GS, MS, VS] = [24, 25, 26];
  const body = [
    ...f64c(1),
    ...get(B1),
    ...f64sub,
    ...set(C1),
    ...f64c(1),
    ...get(B2),
    ...f64sub,
    ...set(C2),
    ...[STEP, B1, B2, C1, C2, EPS].flatMap((s, q) => [
      ...get(s),
      ...f64x2splat,
      ...set([SV, B1V, B2V, C1V, C2V, EPSV][q]!),
    ]),
    ...get(START),
    ...i32c(3),
    ...i32shl,
    ...set(I),
    ...get(END),
    ...i32c(3),
    ...i32shl,
    ...tee(E),
    ...i32c(8),
    ...i32sub,
    ...set(EV),
    ...forLoop(
      I,
      EV,
      16,
      [...at(G, I), ...v128load(), ...set(GV)],
      // m = β₁m + (1−β₁)g
      [...get(B1V), ...at(M, I), ...v128load(), ...f64x2mul],
      [...get(C1V), ...get(GV), ...f64x2mul, ...f64x2add, ...set(MV)],
      // v = β₂v + ((1−β₂)g)g
      [...get(B2V), ...at(V, I), ...v128load(), ...f64x2mul],
      [...get(C2V), ...get(GV), ...f64x2mul, ...get(GV), ...f64x2mul, ...f64x2add, ...set(VV)],
      [...at(M, I), ...get(MV), ...v128store()],
      [...at(V, I), ...get(VV), ...v128store()],
      // p −= (step·m) / (√v + ε)
      [...at(P, I), ...at(P, I), ...v128load(), ...get(SV), ...get(MV), ...f64x2mul],
      [...get(VV), ...f64x2sqrt, ...get(EPSV), ...f64x2add, ...f64x2div, ...f64x2sub],
      v128store(),
    ),
    ...forLoop(
      I,
      E,
      8,
      [...at(G, I), ...f64load(), ...set(GS)],
      [...get(B1), ...at(M, I), ...f64load(), ...f64mul],
      [...get(C1), ...get(GS), ...f64mul, ...f64add, ...set(MS)],
      [...get(B2), ...at(V, I), ...f64load(), ...f64mul],
      [...get(C2), ...get(GS), ...f64mul, ...get(GS), ...f64mul, ...f64add, ...set(VS)],
      [...at(M, I), ...get(MS), ...f64store()],
      [...at(V, I), ...get(VS), ...f64store()],
      [...at(P, I), ...at(P, I), ...f64load(), ...get(STEP), ...get(MS), ...f64mul],
      [...get(VS), ...f64sqrt, ...get(EPS), ...f64add, ...f64div, ...f64sub],
      f64store(),
    ),
  ];
  return {
    name: 'adam',
    params: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64],
    locals: [I32, I32, I32, F64, F64, V128, V128, V128, V128, V128, V128, V128, V128, V128].concat([
      F64,
      F64,
      F64,
    ]) as FuncDef['locals'],
    body,
  };
}

/** find(h, rows, n, idx, cnt): the non-zero (or NaN) columns of each row, as `findActive`. */
function find(): FuncDef {
  const [H, ROWS, N, IDX, CNT] = [0, 1, 2, 3, 4];
  const [I, ROW, IROW, J, C, N8] = [5, 6, 7, 8, 9, 10];
  const body = [
    ...get(N),
    ...i32c(3),
    ...i32shl,
    ...set(N8),
    ...i32c(0),
    ...set(I),
    ...forLoop(
      I,
      ROWS,
      1,
      [...get(H), ...get(I), ...get(N8), ...i32mul, ...i32add, ...set(ROW)],
      [...get(IDX), ...get(I), ...get(N), ...i32mul, ...i32c(2), ...i32shl, ...i32add],
      [...set(IROW), ...i32c(0), ...set(C), ...i32c(0), ...set(J)],
      forLoop(
        J,
        N8,
        8,
        [...at(IROW, C), ...get(J), ...i32c(3), ...i32shrS, ...i32store()],
        [...get(C), ...at(ROW, J), ...f64load(), ...f64c(0), ...f64ne, ...i32c(2), ...i32shl],
        [...i32add, ...set(C)],
      ),
      [...get(CNT), ...get(I), ...i32c(2), ...i32shl, ...i32add],
      [...get(C), ...i32c(2), ...i32shrS, ...i32store()],
    ),
  ];
  return { name: 'find', params: Array(5).fill(I32), locals: Array(6).fill(I32), body };
}

/** The kernels' module bytes (built once per process). */
export function kernelModuleBytes(): Uint8Array {
  return moduleBytes([adam(), fwd(), bwd(), find()]);
}

/** The exports of an instance of the kernels' module. */
export interface KernelExports {
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    start: number,
    end: number,
    step: number,
    b1: number,
    b2: number,
    eps: number,
  ): void;
  fwd(...args: number[]): void;
  bwd(...args: number[]): void;
  find(h: number, rows: number, n: number, idx: number, cnt: number): void;
}
