/**
 * The fused dense-layer kernels of the wasm backend (forward with bias, ReLU and the record of
 * active outputs; backward with kernel and bias gradients and the previous layer's delta),
 * built with the emitter in `emit.ts`. See `kernels.ts` for the exactness argument: vector
 * lanes are independent outputs, every sum runs in the JS kernels' order.
 */
import {
  at,
  F64,
  f64add,
  f64c,
  f64eq,
  f64load,
  f64lt,
  f64mul,
  f64ne,
  f64store,
  f64x2add,
  f64x2eq,
  f64x2mul,
  f64x2ne,
  f64x2pmax,
  f64x2splat,
  forLoop,
  get,
  I32,
  i32add,
  i32and,
  i32c,
  i32load,
  i32ltS,
  i32mul,
  i32shl,
  i32shrS,
  i32store,
  i32sub,
  i64x2bitmask,
  ifElse,
  ifThen,
  SELECT,
  set,
  tee,
  V128,
  v128bitselect,
  v128load,
  v128store,
  ZERO,
  type FuncDef,
} from './emit.js';

/** Vector accumulators per register block: 10 × f64x2 = 20 outputs (the default width). */
const BLOCK = 10;

/** Locals the accumulation helper needs (indices into the function's locals). */
interface AccLocals {
  j: number;
  j0: number;
  c: number;
  p: number;
  wr: number;
  aS: number;
  aV: number;
  /** first of BLOCK consecutive v128 locals */
  acc: number;
  /** LEN8 − 8·(2·BLOCK − 1) and LEN8 − 8 */
  lenBlock: number;
  lenVec: number;
}

/**
 * out[0..len) = init (a row of `init`, or 0) + Σ over the active list (ascending) of
 * value(p) · MAT-row p, each output summed in list order. Outputs go BLOCK vectors at a time
 * with register accumulators, then two at a time accumulated in memory, then one.
 *
 * @param out local: byte address of the output row; len local: its length in bytes.
 * @param init local with the init row's address, or undefined for zeros.
 * @param cnt local: active list length in bytes (4 per entry); irow local: list address.
 * @param value code leaving value(p) (f64) on the stack, p in local `L.p`.
 * @param mat local: matrix address; stride local: bytes per matrix row.
 */
function accumulate(
  L: AccLocals,
  out: number,
  len: number,
  init: number | undefined,
  cnt: number,
  irow: number,
  value: number[],
  mat: number,
  stride: number,
  skipZero = false,
): number[] {
  const accs = Array.from({ length: BLOCK }, (_, v) => L.acc + v);
  // irow < 0: the list is 0, 1, 2, … (cnt = 4 · count)
  const loadP =
    irow >= 0
      ? [...at(irow, L.c), ...i32load(), ...set(L.p)]
      : [...get(L.c), ...i32c(2), ...i32shrS, ...set(L.p)];
  const guard = (body: number[][]): number[] =>
    skipZero ? [...get(L.aS), ...f64c(0), ...f64ne, ...ifThen(...body)] : body.flat();
  return [
    ...get(len),
    ...i32c(8 * (2 * BLOCK - 1)),
    ...i32sub,
    ...set(L.lenBlock),
    ...get(len),
    ...i32c(8),
    ...i32sub,
    ...set(L.lenVec),
    ...i32c(0),
    ...set(L.j),
    ...forLoop(
      L.j,
      L.lenBlock,
      16 * BLOCK,
      accs.flatMap((a, v) =>
        init === undefined
          ? [...f64c(0), ...f64x2splat, ...set(a)]
          : [...at(init, L.j), ...v128load(16 * v), ...set(a)],
      ),
      [...i32c(0), ...set(L.c)],
      forLoop(
        L.c,
        cnt,
        4,
        loadP,
        [...value, ...tee(L.aS), ...f64x2splat, ...set(L.aV)],
        guard([
          [...get(mat), ...get(L.p), ...get(stride), ...i32mul, ...i32add, ...get(L.j)],
          [...i32add, ...set(L.wr)],
          accs.flatMap((a, v) => [
            ...get(a),
            ...get(L.aV),
            ...get(L.wr),
            ...v128load(16 * v),
            ...f64x2mul,
            ...f64x2add,
            ...set(a),
          ]),
        ]),
      ),
      accs.flatMap((a, v) => [...at(out, L.j), ...get(a), ...v128store(16 * v)]),
    ),
    // the rest of the row, accumulated in memory
    ...get(L.j),
    ...set(L.j0),
    ...forLoop(L.j, len, 8, [
      ...at(out, L.j),
      ...(init === undefined ? f64c(0) : [...at(init, L.j), ...f64load()]),
      ...f64store(),
    ]),
    ...get(L.j0),
    ...get(len),
    ...i32ltS,
    ...ifThen(
      [...i32c(0), ...set(L.c)],
      forLoop(
        L.c,
        cnt,
        4,
        loadP,
        [...value, ...tee(L.aS), ...f64x2splat, ...set(L.aV)],
        guard([
          [...get(mat), ...get(L.p), ...get(stride), ...i32mul, ...i32add, ...set(L.wr)],
          [...get(L.j0), ...set(L.j)],
          forLoop(
            L.j,
            L.lenVec,
            16,
            [...at(out, L.j), ...at(out, L.j), ...v128load(), ...get(L.aV), ...at(L.wr, L.j)],
            [...v128load(), ...f64x2mul, ...f64x2add, ...v128store()],
          ),
          [...get(L.j), ...get(len), ...i32ltS],
          ifThen(
            [...at(out, L.j), ...at(out, L.j), ...f64load(), ...get(L.aS), ...at(L.wr, L.j)],
            [...f64load(), ...f64mul, ...f64add, ...f64store()],
          ),
        ]),
      ),
    ),
  ];
}

/** AccLocals starting at local index `first` (8 i32, 1 f64, 1 + BLOCK v128, in that order). */
function accLocals(first: number): { L: AccLocals; types: FuncDef['locals'] } {
  const L: AccLocals = {
    j: first,
    j0: first + 1,
    c: first + 2,
    p: first + 3,
    wr: first + 4,
    lenBlock: first + 5,
    lenVec: first + 6,
    aS: first + 8,
    aV: first + 9,
    acc: first + 10,
  };
  return {
    L,
    types: [...Array(8).fill(I32), F64, ...Array(1 + BLOCK).fill(V128)] as FuncDef['locals'],
  };
}

/**
 * fwd(h, W, bias, out, rows, k, n, relu, hIdx, hCnt, oIdx, oCnt, record): the fused dense
 * forward pass of `denseForward` in `../cpu.ts`. Each output starts as its bias, then adds
 * a · W[p, j] for the active inputs p in ascending order (see `accumulate`); ReLU and the
 * record of active outputs follow.
 */
export function fwd(): FuncDef {
  const [H, W, BIAS, OUT, ROWS, K, N, RELU, HIDX, HCNT, OIDX, OCNT, RECORD] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
  ];
  const [I, O, N8, J, CNT, HROW, HIROW, OC, OIROW] = [13, 14, 15, 16, 17, 18, 19, 20, 21];
  const X = 22;
  const { L, types } = accLocals(23);
  const after = 23 + types.length;
  const [N8V, M, T, JJ, XV] = [after, after + 1, after + 2, after + 3, after + 4];
  const rowAddr = (base: number, cols: number, shift: number): number[] => [
    ...get(base),
    ...get(I),
    ...get(cols),
    ...i32mul,
    ...i32c(shift),
    ...i32shl,
    ...i32add,
  ];
  const value = [...get(HROW), ...get(L.p), ...i32c(3), ...i32shl, ...i32add, ...f64load()];
  const body = [
    ...get(N),
    ...i32c(3),
    ...i32shl,
    ...tee(N8),
    ...i32c(8),
    ...i32sub,
    ...set(N8V),
    ...i32c(0),
    ...set(I),
    ...forLoop(
      I,
      ROWS,
      1,
      [...rowAddr(OUT, N, 3), ...set(O)],
      [...rowAddr(H, K, 3), ...set(HROW)],
      [...rowAddr(HIDX, K, 2), ...set(HIROW)],
      [...get(HCNT), ...get(I), ...i32c(2), ...i32shl, ...i32add, ...i32load()],
      [...i32c(2), ...i32shl, ...set(CNT)],
      accumulate(L, O, N8, BIAS, CNT, HIROW, value, W, N8),
      [...get(RELU)],
      ifThen(
        [...i32c(0), ...set(OC), ...i32c(0), ...set(J)],
        [...get(RECORD)],
        ifElse(
          [
            [...rowAddr(OIDX, N, 2), ...set(OIROW)],
            // two at a time, branch-free: x = pmax(x, 0) (x < 0 ? 0 : x, NaN kept);
            // idx[oc] = j; oc += x[0] ≠ 0; idx[oc] = j + 1; oc += x[1] ≠ 0
            forLoop(
              J,
              N8V,
              16,
              [...at(O, J), ...at(O, J), ...v128load(), ...ZERO, ...f64x2pmax, ...tee(XV)],
              [...v128store(), ...get(XV), ...ZERO, ...f64x2ne, ...i64x2bitmask, ...set(M)],
              [...get(OIROW), ...get(OC), ...i32c(2), ...i32shl, ...i32add, ...tee(T)],
              [...get(J), ...i32c(3), ...i32shrS, ...tee(JJ), ...i32store()],
              [...get(OC), ...get(M), ...i32c(1), ...i32and, ...i32add, ...set(OC)],
              [...get(OIROW), ...get(OC), ...i32c(2), ...i32shl, ...i32add],
              [...get(JJ), ...i32c(1), ...i32add, ...i32store()],
              [...get(OC), ...get(M), ...i32c(1), ...i32shrS, ...i32add, ...set(OC)],
            ),
            forLoop(
              J,
              N8,
              8,
              [...at(O, J), ...f64c(0), ...at(O, J), ...f64load(), ...tee(X), ...get(X)],
              [...f64c(0), ...f64lt, SELECT, ...tee(X), ...f64store()],
              [...get(OIROW), ...get(OC), ...i32c(2), ...i32shl, ...i32add],
              [...get(J), ...i32c(3), ...i32shrS, ...i32store()],
              [...get(OC), ...get(X), ...f64c(0), ...f64ne, ...i32add, ...set(OC)],
            ),
            [...get(OCNT), ...get(I), ...i32c(2), ...i32shl, ...i32add, ...get(OC)],
            i32store(),
          ],
          [
            forLoop(
              J,
              N8V,
              16,
              [...at(O, J), ...at(O, J), ...v128load(), ...ZERO],
              [...f64x2pmax, ...v128store()],
            ),
            forLoop(
              J,
              N8,
              8,
              [...at(O, J), ...f64c(0), ...at(O, J), ...f64load(), ...tee(X), ...get(X)],
              [...f64c(0), ...f64lt, SELECT, ...f64store()],
            ),
          ],
        ),
      ),
    ),
  ];
  return {
    name: 'fwd',
    params: Array(13).fill(I32),
    locals: [...Array(9).fill(I32), F64, ...types, I32, I32, I32, I32, V128],
    body,
  };
}

/**
 * bwd(h, W, delta, dW, dB, dPrev, rows, k, n, hIdx, hCnt, dIdx, dCnt, hasPrev, hasSets, scr):
 * the fused dense backward pass of `denseBackward` in `../cpu.ts`, with a scratch address `scr`
 * (0 for none) with room for k·n f64 and k + k·rows i32.
 *
 * dBias adds the delta rows in row order. dW[p, :] adds h[i, p] · delta[i, :] over the rows i
 * with h[i, p] ≠ 0 in ascending order, accumulated in vector registers: with scratch, over
 * per-column row lists built from h's active sets; without, over every row. dPrev[i, p]
 * (h[i, p] ≠ 0, else 0) is the sum over the non-zero deltas j in ascending order of
 * delta[i, j] · W[p, j]: with delta sets and scratch, W is transposed into the scratch once per
 * call and each dPrev row is accumulated over p in vector registers, then masked; otherwise
 * one scalar dot product per active p.
 */
export function bwd(): FuncDef {
  const [H, W, DELTA, DW, DB, DPREV, ROWS, K, N, HIDX, HCNT, DIDX, DCNT, HASPREV, HASSETS, WT] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  ];
  const [I, N8, J, DROW, HROW, HIROW, Q, HC, P, R, WR, C, DC, DIROW, PREVROW, T, K8, U, ROWS4] = [
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
  ];
  const [S, D] = [35, 36];
  const [LIST, LC, HAS, COLCNT, LISTS] = [37, 38, 39, 40, 41];
  const { L, types } = accLocals(42);
  const [N8V, K8V] = [42 + types.length, 43 + types.length];
  const rowAddr = (base: number, cols: number, shift: number): number[] => [
    ...get(base),
    ...get(I),
    ...get(cols),
    ...i32mul,
    ...i32c(shift),
    ...i32shl,
    ...i32add,
  ];
  const zero = (base: number, idx: number, end: number): number[] => [
    ...i32c(0),
    ...set(idx),
    ...forLoop(idx, end, 8, [...at(base, idx), ...f64c(0), ...f64store()]),
  ];
  const useT = [
    ...get(HASPREV),
    ...get(HASSETS),
    ...i32and,
    ...get(WT),
    ...i32c(0),
    0x47, // i32.ne
    ...i32and,
  ];
  const dValue = [...get(DROW), ...get(L.p), ...i32c(3), ...i32shl, ...i32add, ...f64load()];
  // h[i, p] with i in L.p and the byte column p·8 in Q
  const hValue = [...get(H), ...get(L.p), ...get(K8), ...i32mul, ...i32add, ...get(Q), ...i32add];
  const scalarDot = [
    [...f64c(0), ...set(S), ...get(HASSETS)],
    ifElse(
      [
        [...i32c(0), ...set(C)],
        forLoop(
          C,
          DC,
          4,
          [...at(DIROW, C), ...i32load(), ...i32c(3), ...i32shl, ...set(T)],
          [...get(S), ...at(DROW, T), ...f64load(), ...at(WR, T), ...f64load()],
          [...f64mul, ...f64add, ...set(S)],
        ),
      ],
      [
        [...i32c(0), ...set(J)],
        forLoop(
          J,
          N8,
          8,
          [...at(DROW, J), ...f64load(), ...tee(D), ...f64c(0), ...f64ne],
          ifThen(
            [...get(S), ...get(D), ...at(WR, J), ...f64load(), ...f64mul, ...f64add],
            [...set(S)],
          ),
        ),
      ],
    ),
    [...get(PREVROW), ...get(P), ...i32c(3), ...i32shl, ...i32add, ...get(S), ...f64store()],
  ];
  const body = [
    ...get(N),
    ...i32c(3),
    ...i32shl,
    ...tee(N8),
    ...i32c(8),
    ...i32sub,
    ...set(N8V),
    ...get(K),
    ...i32c(3),
    ...i32shl,
    ...tee(K8),
    ...i32c(8),
    ...i32sub,
    ...set(K8V),
    ...get(ROWS),
    ...i32c(2),
    ...i32shl,
    ...set(ROWS4),
    ...zero(DB, T, N8),
    // transpose: WT[j, p] = W[p, j] (WT is n × k)
    ...useT,
    ...set(U),
    ...get(WT),
    ...i32c(0),
    0x47, // i32.ne
    ...set(HAS),
    ...get(U),
    ...ifThen(
      [...i32c(0), ...set(Q)],
      forLoop(
        Q,
        K8,
        8,
        [...get(W), ...get(Q), ...get(N), ...i32mul, ...i32add, ...set(WR)],
        [...i32c(0), ...set(J)],
        forLoop(
          J,
          N8,
          8,
          [...get(WT), ...get(J), ...get(K), ...i32mul, ...i32add, ...get(Q), ...i32add],
          [...at(WR, J), ...f64load(), ...f64store()],
        ),
      ),
    ),
    ...i32c(0),
    ...set(I),
    ...forLoop(
      I,
      ROWS,
      1,
      [...rowAddr(DELTA, N, 3), ...set(DROW)],
      [...rowAddr(H, K, 3), ...set(HROW)],
      [...rowAddr(HIDX, K, 2), ...set(HIROW)],
      [...i32c(0), ...set(J)],
      forLoop(
        J,
        N8V,
        16,
        [...at(DB, J), ...at(DB, J), ...v128load(), ...at(DROW, J)],
        [...v128load(), ...f64x2add, ...v128store()],
      ),
      forLoop(
        J,
        N8,
        8,
        [...at(DB, J), ...at(DB, J), ...f64load(), ...at(DROW, J), ...f64load()],
        [...f64add, ...f64store()],
      ),
      [...get(HASSETS)],
      ifThen(
        [...rowAddr(DIDX, N, 2), ...set(DIROW)],
        [...get(DCNT), ...get(I), ...i32c(2), ...i32shl, ...i32add, ...i32load()],
        [...i32c(2), ...i32shl, ...set(DC)],
      ),
      [...get(HASPREV)],
      ifThen(
        [...rowAddr(DPREV, K, 3), ...set(PREVROW)],
        [
          ...get(U),
          ...ifElse(
            [
              accumulate(L, PREVROW, K8, undefined, DC, DIROW, dValue, WT, K8),
              // ReLU mask: only inputs with h ≠ 0 (NaN included) keep their sum
              [...i32c(0), ...set(J)],
              forLoop(
                J,
                K8V,
                16,
                [...at(PREVROW, J), ...ZERO, ...at(PREVROW, J), ...v128load()],
                [
                  ...at(HROW, J),
                  ...v128load(),
                  ...ZERO,
                  ...f64x2eq,
                  ...v128bitselect,
                  ...v128store(),
                ],
              ),
              forLoop(
                J,
                K8,
                8,
                [...at(PREVROW, J), ...f64c(0), ...at(PREVROW, J), ...f64load()],
                [...at(HROW, J), ...f64load(), ...f64c(0), ...f64eq, SELECT, ...f64store()],
              ),
            ],
            [
              zero(PREVROW, T, K8),
              [...get(HCNT), ...get(I), ...i32c(2), ...i32shl, ...i32add, ...i32load()],
              [...i32c(2), ...i32shl, ...set(HC), ...i32c(0), ...set(Q)],
              forLoop(
                Q,
                HC,
                4,
                [...at(HIROW, Q), ...i32load(), ...set(P)],
                [...get(W), ...get(P), ...get(N8), ...i32mul, ...i32add, ...set(WR)],
                ...scalarDot,
              ),
            ],
          ),
        ],
      ),
    ),
    // dW[p, :] = Σ over rows i (ascending) with h[i, p] ≠ 0 of h[i, p] · delta[i, :]: with
    // scratch, over per-column lists of those rows built from h's active sets; without, over
    // all rows (adding 0 · delta)
    ...get(HAS),
    ...ifThen(
      [...get(WT), ...get(K8), ...get(N), ...i32mul, ...i32add, ...tee(COLCNT)],
      [...get(K), ...i32c(2), ...i32shl, ...i32add, ...set(LISTS)],
      [...i32c(0), ...set(Q)],
      forLoop(
        Q,
        K8,
        8,
        [...get(COLCNT), ...get(Q), ...i32c(1), ...i32shrS, ...i32add],
        [...i32c(0), ...i32store()],
      ),
      [...i32c(0), ...set(I)],
      forLoop(
        I,
        ROWS,
        1,
        [...rowAddr(HIDX, K, 2), ...set(HIROW)],
        [...get(HCNT), ...get(I), ...i32c(2), ...i32shl, ...i32add, ...i32load()],
        [...i32c(2), ...i32shl, ...set(HC), ...i32c(0), ...set(Q)],
        forLoop(
          Q,
          HC,
          4,
          // T = &colCnt[p]; LISTS[p·rows + colCnt[p]] = i; colCnt[p] += 1
          [...get(COLCNT), ...at(HIROW, Q), ...i32load(), ...tee(P), ...i32c(2), ...i32shl],
          [...i32add, ...tee(T), ...i32load(), ...set(C)],
          [...get(LISTS), ...get(P), ...get(ROWS4), ...i32mul, ...i32add, ...get(C)],
          [...i32c(2), ...i32shl, ...i32add, ...get(I), ...i32store()],
          [...get(T), ...get(C), ...i32c(1), ...i32add, ...i32store()],
        ),
      ),
    ),
    ...i32c(0),
    ...set(Q),
    ...forLoop(
      Q,
      K8,
      8,
      [...get(DW), ...get(Q), ...get(N), ...i32mul, ...i32add, ...set(R)],
      [...get(HAS)],
      ifElse(
        [
          [...get(LISTS), ...get(Q), ...i32c(3), ...i32shrS, ...get(ROWS4), ...i32mul],
          [...i32add, ...set(LIST)],
          [...get(COLCNT), ...get(Q), ...i32c(1), ...i32shrS, ...i32add, ...i32load()],
          [...i32c(2), ...i32shl, ...set(LC)],
          accumulate(L, R, N8, undefined, LC, LIST, [...hValue, ...f64load()], DELTA, N8),
        ],
        [accumulate(L, R, N8, undefined, ROWS4, -1, [...hValue, ...f64load()], DELTA, N8)],
      ),
    ),
  ];
  return {
    name: 'bwd',
    params: Array(16).fill(I32),
    locals: [...Array(19).fill(I32), F64, F64, ...Array(5).fill(I32), ...types, I32, I32],
    body,
  };
}
