/**
 * DARTS cell constants and types (REFERENCE §2.8).
 *
 * A DARTS architecture has a normal and a reduction cell. Each cell has two input nodes (0 and 1:
 * the outputs of the two previous cells) and four intermediate nodes 2..5; intermediate node
 * n = 2 + ⌊e/2⌋ takes the two consecutive edges e = 2(n−2), 2(n−2)+1, each an (op, input node)
 * pair with input node < n; the cell output concatenates nodes 2..5.
 */

/**
 * The 8 ops of the BANANAS DARTS space (R1 `darts/arch.py`), in its index order: none = 0,
 * max_pool_3x3 = 1, avg_pool_3x3 = 2, skip_connect = 3, sep_conv_3x3 = 4, sep_conv_5x5 = 5,
 * dil_conv_3x3 = 6, dil_conv_5x5 = 7. The path-encoding numbering uses these positions.
 */
export const DARTS_OPS: readonly string[] = Object.freeze([
  'none',
  'max_pool_3x3',
  'avg_pool_3x3',
  'skip_connect',
  'sep_conv_3x3',
  'sep_conv_5x5',
  'dil_conv_3x3',
  'dil_conv_5x5',
]);

/**
 * The 7 ops of NAS-Bench-301 (naszilla `nas_bench_301/cell_301.py`, and the genotypes of
 * /shared/data/nasbench301): `DARTS_OPS` without 'none', same relative order, so
 * max_pool_3x3 = 0 … dil_conv_5x5 = 6. DARTS never keeps 'none' in a derived genotype, which
 * is why the NB301 benchmark leaves it out; the R1 BANANAS sampler does draw it (1 in 8).
 */
export const NB301_OPS: readonly string[] = Object.freeze(DARTS_OPS.slice(1));

/** Intermediate nodes per cell (4). */
export const DARTS_NODES = 4;

/** Edges per cell (8: two per intermediate node). */
export const DARTS_EDGES = 8;

/** One edge of a DARTS cell: the op name and the input node it reads (0, 1: cell inputs; 2..5: earlier nodes). */
export type DartsEdge = readonly [op: string, input: number];

/** One DARTS cell: 8 edges, two per intermediate node, in node order (the DARTS genotype list). */
export type DartsCell = readonly DartsEdge[];

/**
 * A DARTS architecture in the genotype convention of DARTS and NAS-Bench-301:
 * `{ normal: [[op, input] ×8], reduce: [[op, input] ×8] }` (concat of nodes 2..5 implied).
 */
export interface DartsArch {
  readonly normal: DartsCell;
  readonly reduce: DartsCell;
}

/** The two cells in encoding order. */
export const DARTS_CELLS = ['normal', 'reduce'] as const;
