import { cellPathIndices } from '../generic/cell-graph.js';
import type { Nb101Arch } from './cell.js';
import { NB101_OPS, nb101OpCode } from './constants.js';

/** Number of distinct input→output op sequences of length 0..5: 1+3+9+27+81+243 = 364. */
export const NB101_PATH_COUNT = 364;

/** Default cutoff of the truncated path encoding: all paths of length ≤ 3 (1+3+9+27 = 40). */
export const NB101_TRUNC_PATH_LENGTH = 40;

/**
 * Indices of every input→output path of a cell, with multiplicity, sorted ascending (the
 * reference `get_path_indices`). A path is the sequence of ops on its interior vertices
 * (codes conv3x3 0, conv1x1 1, maxpool 2); its index is Σᵢ 3^i·(codeᵢ+1), the first op least
 * significant (bijective base 3): [] → 0, [conv3x3] → 1, [conv1x1, maxpool] → 2 + 3·3 = 11.
 *
 * Only complete input→output paths count, so the unpruned and pruned cell give the same
 * indices. Inputs are trusted: a checked 0/1 upper-triangular matrix and NB101 op names.
 * This is the generic `cellPathIndices` with k = 3 ops, sorted.
 */
export function pathIndices(arch: Nb101Arch): number[] {
  const codes = arch.ops.map((op) => nb101OpCode(op));
  return cellPathIndices(arch.matrix, codes, NB101_OPS.length).sort((a, b) => a - b);
}

/**
 * The 364-feature path encoding (BANANAS): feature k = 1 iff the cell has at least one
 * input→output path with index k (see `pathIndices`); repeated paths collapse. With `cutoff`,
 * only the first `cutoff` features (truncated path encoding; the reference default is 40 =
 * paths of length ≤ 3).
 */
export function encodePath(arch: Nb101Arch, cutoff: number = NB101_PATH_COUNT): Float32Array {
  const out = new Float32Array(cutoff);
  for (const k of pathIndices(arch)) if (k < cutoff) out[k] = 1;
  return out;
}
