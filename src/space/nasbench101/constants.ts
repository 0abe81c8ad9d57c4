/**
 * Constants of the NAS-Bench-101 cell space (Ying et al., ICML 2019; google-research/nasbench
 * `config.py`): at most 7 vertices (input, up to 5 interior op vertices, output), at most 9
 * edges, three interior ops.
 */

/** Most vertices a cell may have, input and output included. */
export const NB101_MAX_VERTICES = 7;

/** Most edges a (pruned) cell may have. */
export const NB101_MAX_EDGES = 9;

/** Interior op slots of a full 7-vertex cell. */
export const NB101_OP_SPOTS = NB101_MAX_VERTICES - 2;

/** Name of the first vertex of every cell. */
export const NB101_INPUT = 'input';

/** Name of the last vertex of every cell. */
export const NB101_OUTPUT = 'output';

/**
 * The interior ops in canonical order: the position is the op's label in the graph hash and its
 * code in the path encoding (conv3x3 = 0, conv1x1 = 1, maxpool = 2).
 */
export const NB101_OPS = ['conv3x3-bn-relu', 'conv1x1-bn-relu', 'maxpool3x3'] as const;

/** One of the three interior op names. */
export type Nb101Op = (typeof NB101_OPS)[number];

/** Canonical code of an interior op name, or -1 for anything else. */
export function nb101OpCode(op: string): number {
  return (NB101_OPS as readonly string[]).indexOf(op);
}

/** Number of strictly upper-triangular slots of a 7×7 matrix (the 21 possible edges). */
export const NB101_EDGE_SLOTS = (NB101_MAX_VERTICES * (NB101_MAX_VERTICES - 1)) / 2;
