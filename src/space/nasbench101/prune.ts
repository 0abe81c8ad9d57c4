import { OutOfSpaceError } from '../../core/errors.js';
import { checkShape, type Nb101Arch, type Nb101MatrixLike } from './cell.js';

/**
 * Removes every vertex that is not on an input→output path, as the official `ModelSpec._prune`
 * does: a forward search from the input and a backward search from the output; a vertex missing
 * from either reachable set is deleted with its row, column and op. The result is a fresh cell
 * (V' ≤ V vertices, 0/1 numbers); the argument is not modified. Pruning is idempotent.
 *
 * Throws TypeError/RangeError for a malformed cell (see `checkShape`) and OutOfSpaceError when
 * the input cannot reach the output (the official "invalid spec, graph is disconnected").
 * Op names are not checked here (see `validateNb101`).
 */
export function prune(arch: { matrix: Nb101MatrixLike; ops: readonly string[] }): Nb101Arch {
  const matrix = checkShape(arch, 'nb101.prune');
  const pruned = pruneBits(matrix, arch.ops);
  if (pruned === null) {
    throw new OutOfSpaceError('nb101.prune: the input cannot reach the output (disconnected cell)');
  }
  return pruned;
}

/**
 * Pruning on an already checked 0/1 matrix; null when the output is unreachable from the input.
 * @internal shared by the space's methods, which check the shape once.
 */
export function pruneBits(
  matrix: readonly (readonly number[])[],
  ops: readonly string[],
): Nb101Arch | null {
  const n = matrix.length;

  // reach: forward from the input, backward from the output
  const { fromInput, toOutput } = reachability(matrix);
  if (!fromInput[n - 1]) return null;

  // keep: vertices on some input→output path, in their original order
  const keep: number[] = [];
  for (let v = 0; v < n; v++) if (fromInput[v] && toOutput[v]) keep.push(v);
  return {
    matrix: keep.map((r) => keep.map((c) => (matrix[r]![c] ? 1 : 0))),
    ops: keep.map((v) => ops[v]!),
  };
}

/**
 * Which vertices the input reaches and which reach the output, for an upper-triangular
 * matrix (one pass in index order suffices for each direction).
 */
export function reachability(matrix: readonly (readonly number[])[]): {
  fromInput: boolean[];
  toOutput: boolean[];
} {
  const n = matrix.length;
  const fromInput = new Array<boolean>(n).fill(false);
  const toOutput = new Array<boolean>(n).fill(false);
  fromInput[0] = true;
  for (let r = 0; r < n; r++) {
    if (!fromInput[r]) continue;
    for (let c = r + 1; c < n; c++) if (matrix[r]![c]) fromInput[c] = true;
  }
  toOutput[n - 1] = true;
  for (let c = n - 1; c >= 0; c--) {
    if (!toOutput[c]) continue;
    for (let r = 0; r < c; r++) if (matrix[r]![c]) toOutput[r] = true;
  }
  return { fromInput, toOutput };
}
