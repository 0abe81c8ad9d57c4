import {
  assertNb201Arch,
  NB201_EDGES,
  NB201_NUM_EDGES,
  NB201_OPS,
  NB201_SIZE,
  nb201OpIndexOrMinus1,
  type Nb201Arch,
  type Nb201Op,
} from './constants.js';

/*
 * Other tools' ways of writing an NB201 cell as numbers (PITFALLS B14). Conversions go by op
 * name and by edge (source, target), never by raw id or tuple position:
 *
 * | convention              | 0            | 1            | 2            | 3            | 4            |
 * | naszilla (this project) | avg_pool_3x3 | nor_conv_1x1 | nor_conv_3x3 | none         | skip_connect |
 * | NASLib                  | skip_connect | none         | nor_conv_3x3 | nor_conv_1x1 | avg_pool_3x3 |
 * | NATS `str2matrix`       | none         | skip_connect | nor_conv_1x1 | nor_conv_3x3 | avg_pool_3x3 |
 *
 * naszilla's op lists follow the arch-string edge order (0→1),(0→2),(1→2),(0→3),(1→3),(2→3);
 * NASLib's 6-tuples follow (0→1),(0→2),(0→3),(1→2),(1→3),(2→3).
 */

/** NASLib's op codes: the op name of code 0..4. */
export const NASLIB_NB201_OPS: readonly Nb201Op[] = Object.freeze([
  'skip_connect',
  'none',
  'nor_conv_3x3',
  'nor_conv_1x1',
  'avg_pool_3x3',
] as const);

/** NASLib's edge order for its 6-tuples, as [source, target] pairs. */
export const NASLIB_NB201_EDGES: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([0, 1] as const),
  Object.freeze([0, 2] as const),
  Object.freeze([0, 3] as const),
  Object.freeze([1, 2] as const),
  Object.freeze([1, 3] as const),
  Object.freeze([2, 3] as const),
]);

/** NATS-Bench `str2matrix` op codes: the op name of code 0..4. */
export const NATS_NB201_OPS: readonly Nb201Op[] = Object.freeze([
  'none',
  'skip_connect',
  'nor_conv_1x1',
  'nor_conv_3x3',
  'avg_pool_3x3',
] as const);

/**
 * NASLib 6-tuple of an architecture: NASLib op codes (skip_connect = 0, none = 1,
 * nor_conv_3x3 = 2, nor_conv_1x1 = 3, avg_pool_3x3 = 4) in NASLib's edge order
 * (0→1),(0→2),(0→3),(1→2),(1→3),(2→3). E.g. the arch of official index 2631 → [4,0,3,1,4,3].
 */
export function nb201ToNaslib(arch: Nb201Arch): number[] {
  assertNb201Arch(arch, 'nb201ToNaslib');
  return NASLIB_NB201_EDGES.map(([s, t]) => NASLIB_NB201_OPS.indexOf(opOnEdge(arch, s, t)));
}

/**
 * Architecture of a NASLib 6-tuple (inverse of `nb201ToNaslib`). Throws RangeError when the
 * tuple does not have 6 entries or a code is not an integer in 0..4.
 */
export function nb201FromNaslib(tuple: readonly number[]): Nb201Arch {
  checkCodes('nb201FromNaslib', tuple);
  const ops = new Array<Nb201Op>(NB201_NUM_EDGES);
  NASLIB_NB201_EDGES.forEach(([s, t], k) => {
    ops[edgePos(s, t)] = NASLIB_NB201_OPS[tuple[k]!]!;
  });
  return ops;
}

/**
 * NATS-Bench `str2matrix` form: a 4×4 matrix whose entry [target][source] (lower triangle) is
 * the NATS op code (none = 0, skip_connect = 1, nor_conv_1x1 = 2, nor_conv_3x3 = 3,
 * avg_pool_3x3 = 4) of edge source→target; every other entry is 0.
 */
export function nb201ToNatsMatrix(arch: Nb201Arch): number[][] {
  assertNb201Arch(arch, 'nb201ToNatsMatrix');
  const m = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  for (const [s, t] of NB201_EDGES) m[t]![s] = NATS_NB201_OPS.indexOf(opOnEdge(arch, s, t));
  return m;
}

/**
 * Architecture of a NATS `str2matrix` matrix (inverse of `nb201ToNatsMatrix`). Only the 6
 * lower-triangle edge entries are read. Throws RangeError when the matrix is not 4×4 or an edge
 * entry is not an integer in 0..4.
 */
export function nb201FromNatsMatrix(matrix: readonly (readonly number[])[]): Nb201Arch {
  if (matrix.length !== 4 || matrix.some((row) => row.length !== 4)) {
    throw new RangeError('nb201FromNatsMatrix: expected a 4×4 matrix');
  }
  const codes = NB201_EDGES.map(([s, t]) => matrix[t]![s]!);
  checkCodes('nb201FromNatsMatrix', codes);
  return codes.map((c) => NATS_NB201_OPS[c]!);
}

/**
 * naszilla's "unique number" of an architecture: Σ_i op_i · 5^i over the 6 edges in arch-string
 * order with naszilla op indices, a bijection onto 0..15624.
 *
 * This is NOT the official NAS-Bench-201 index (it differs for 15,624 of the 15,625 cells,
 * PITFALLS B14; the official index is the row order of the benchmark table, see
 * `Nb201Table.indexOf`). Useful as a compact array key. Throws as `assertNb201Arch` does.
 */
export function nb201NaszillaNumber(arch: Nb201Arch): number {
  assertNb201Arch(arch, 'nb201NaszillaNumber');
  let n = 0;
  for (let i = NB201_NUM_EDGES - 1; i >= 0; i--) n = n * 5 + nb201OpIndexOrMinus1(arch[i]);
  return n;
}

/** Architecture of a naszilla unique number (0..15624); throws RangeError otherwise. */
export function nb201FromNaszillaNumber(n: number): Nb201Arch {
  if (!Number.isInteger(n) || n < 0 || n >= NB201_SIZE) {
    throw new RangeError(`nb201FromNaszillaNumber: expected an integer in 0..15624, got ${n}`);
  }
  const ops = new Array<Nb201Op>(NB201_NUM_EDGES);
  for (let i = 0; i < NB201_NUM_EDGES; i++) {
    ops[i] = NB201_OPS[n % 5]!;
    n = Math.floor(n / 5);
  }
  return ops;
}

function edgePos(source: number, target: number): number {
  return NB201_EDGES.findIndex(([s, t]) => s === source && t === target);
}

function opOnEdge(arch: Nb201Arch, source: number, target: number): Nb201Op {
  return arch[edgePos(source, target)]!;
}

function checkCodes(api: string, codes: readonly number[]): void {
  if (codes.length !== NB201_NUM_EDGES) {
    throw new RangeError(`${api}: expected 6 op codes, got ${codes.length}`);
  }
  codes.forEach((c, k) => {
    if (!Number.isInteger(c) || c < 0 || c > 4) {
      throw new RangeError(`${api}: op code at position ${k} must be an integer in 0..4, got ${c}`);
    }
  });
}
