import { OutOfSpaceError } from '../../core/errors.js';
import { checkShape, edgeCount, type Nb101Arch, type Nb101MatrixLike } from './cell.js';
import { NB101_MAX_EDGES, NB101_MAX_VERTICES } from './constants.js';
import { labelsOf } from './graph-hash.js';
import { pruneBits } from './prune.js';

/**
 * Checks that a cell is well formed and inside NAS-Bench-101, the official `is_valid` rules on
 * the pruned graph, and returns the pruned cell (fresh, 0/1 numbers).
 *
 * Throws:
 * - TypeError / RangeError for a malformed value (see `checkShape`: wrong kinds, non-square,
 *   ops length ≠ matrix size (B12), an entry on or below the diagonal);
 * - OutOfSpaceError for a well-formed cell outside the space: more than 7 vertices, first op ≠
 *   'input', last op ≠ 'output', an interior op outside conv3x3-bn-relu / conv1x1-bn-relu /
 *   maxpool3x3 (B11), input not connected to output, more than 9 edges after pruning.
 *
 * Limitations: stricter than the official API in two corner cases, on purpose: a raw matrix
 * larger than 7×7 is rejected even if pruning would shrink it, and a foreign op on a vertex that
 * pruning removes is still rejected (B11: no foreign op anywhere in a cell).
 */
export function validateNb101(
  arch: { matrix: Nb101MatrixLike; ops: readonly string[] },
  where = 'nb101.validate',
): Nb101Arch {
  const matrix = checkShape(arch, where);
  const n = matrix.length;
  if (n > NB101_MAX_VERTICES) {
    throw new OutOfSpaceError(
      `${where}: ${n} vertices, NB101 allows at most ${NB101_MAX_VERTICES}`,
    );
  }
  labelsOf(arch.ops, where);
  const pruned = pruneBits(matrix, arch.ops);
  if (pruned === null) {
    throw new OutOfSpaceError(`${where}: the input cannot reach the output (disconnected cell)`);
  }
  const edges = edgeCount(pruned.matrix);
  if (edges > NB101_MAX_EDGES) {
    throw new OutOfSpaceError(
      `${where}: ${edges} edges after pruning, NB101 allows at most ${NB101_MAX_EDGES}`,
    );
  }
  return pruned;
}

/** Boolean twin of `validateNb101`: true exactly when it would not throw. */
export function isValidNb101(arch: { matrix: Nb101MatrixLike; ops: readonly string[] }): boolean {
  try {
    validateNb101(arch);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fast validity test on a trusted 7×7 0/1 upper-triangular matrix with NB101 ops (the sampler's
 * and mutation's inner loop): connected and at most 9 edges after pruning.
 * @internal
 */
export function isValidBits(
  matrix: readonly (readonly number[])[],
  ops: readonly string[],
): boolean {
  const pruned = pruneBits(matrix, ops);
  return pruned !== null && edgeCount(pruned.matrix) <= NB101_MAX_EDGES;
}
