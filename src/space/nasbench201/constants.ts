/**
 * NAS-Bench-201 cell constants: op vocabulary, edge order and op-index helpers.
 *
 * The cell has 4 nodes (0 = input, 3 = output) and 6 edges, each carrying one of 5 ops, so the
 * space holds 5^6 = 15,625 architectures, every one of them a row of the benchmark table.
 */

/** One NB201 edge operation, by its name in the benchmark's arch strings. */
export type Nb201Op = 'avg_pool_3x3' | 'nor_conv_1x1' | 'nor_conv_3x3' | 'none' | 'skip_connect';

/**
 * The 5 ops in the reference (naszilla, alphabetical) index order: avg_pool_3x3 = 0,
 * nor_conv_1x1 = 1, nor_conv_3x3 = 2, none = 3, skip_connect = 4. Every "op index" in this
 * module means a position in this list; other tools number the ops differently (see
 * `conventions.ts`, PITFALLS B14).
 */
export const NB201_OPS: readonly Nb201Op[] = Object.freeze([
  'avg_pool_3x3',
  'nor_conv_1x1',
  'nor_conv_3x3',
  'none',
  'skip_connect',
] as const);

/**
 * An NB201 architecture: the 6 op names in arch-string edge order
 * (0→1), (0→2), (1→2), (0→3), (1→3), (2→3).
 */
export type Nb201Arch = readonly Nb201Op[];

/** Number of edges of the cell (6). */
export const NB201_NUM_EDGES = 6;

/** Number of ops (5). */
export const NB201_NUM_OPS = 5;

/** Number of architectures in the space and rows in the table: 5^6 = 15,625. */
export const NB201_SIZE = 15625;

/**
 * The edges as [source, target] node pairs, in arch-string (and `Nb201Arch`) order:
 * (0→1), (0→2), (1→2), (0→3), (1→3), (2→3).
 */
export const NB201_EDGES: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([0, 1] as const),
  Object.freeze([0, 2] as const),
  Object.freeze([1, 2] as const),
  Object.freeze([0, 3] as const),
  Object.freeze([1, 3] as const),
  Object.freeze([2, 3] as const),
]);

const OP_INDEX: ReadonlyMap<string, number> = new Map(NB201_OPS.map((op, i) => [op, i]));

/**
 * Op index (naszilla order, 0..4) of an op name, or -1 when `op` is not an NB201 op name.
 * Never throws; see `nb201OpIndex` for the checking version.
 */
export function nb201OpIndexOrMinus1(op: unknown): number {
  return typeof op === 'string' ? (OP_INDEX.get(op) ?? -1) : -1;
}

/**
 * Op index (naszilla order: avg_pool_3x3 = 0 … skip_connect = 4) of an op name.
 * Throws TypeError naming the value when it is not one of the 5 NB201 op names.
 */
export function nb201OpIndex(op: string): number {
  const i = nb201OpIndexOrMinus1(op);
  if (i < 0) {
    throw new TypeError(
      `nb201OpIndex: unknown op ${JSON.stringify(op)}; expected one of ${NB201_OPS.join(', ')}`,
    );
  }
  return i;
}

/**
 * Op name of an op index (naszilla order, 0..4). Throws RangeError for anything else.
 */
export function nb201OpName(index: number): Nb201Op {
  if (!Number.isInteger(index) || index < 0 || index >= NB201_NUM_OPS) {
    throw new RangeError(`nb201OpName: op index must be an integer in 0..4, got ${index}`);
  }
  return NB201_OPS[index]!;
}

/**
 * Position in `Nb201Arch` of the edge source→target, or -1 when the pair is not an edge of the
 * cell (sources 0..2, targets 1..3, source < target).
 */
export function nb201EdgePosition(source: number, target: number): number {
  for (let e = 0; e < NB201_NUM_EDGES; e++) {
    const [s, t] = NB201_EDGES[e]!;
    if (s === source && t === target) return e;
  }
  return -1;
}

/**
 * Throws unless `arch` is a well-formed NB201 architecture: RangeError when it is not an array
 * of 6 entries, TypeError naming the position and value of an entry that is not one of the 5 op
 * names. `api` prefixes the message (e.g. 'nb201.validate').
 */
export function assertNb201Arch(arch: unknown, api: string): asserts arch is Nb201Arch {
  if (!Array.isArray(arch)) {
    throw new TypeError(`${api}: expected an array of 6 op names, got ${describe(arch)}`);
  }
  if (arch.length !== NB201_NUM_EDGES) {
    throw new RangeError(`${api}: expected 6 ops (one per edge), got ${arch.length}`);
  }
  for (let e = 0; e < NB201_NUM_EDGES; e++) {
    if (nb201OpIndexOrMinus1(arch[e]) < 0) {
      throw new TypeError(
        `${api}: unknown op ${describe(arch[e])} at edge ${e} ` +
          `(${NB201_EDGES[e]![0]}→${NB201_EDGES[e]![1]}); expected one of ${NB201_OPS.join(', ')}`,
      );
    }
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
