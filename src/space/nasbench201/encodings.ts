import {
  assertNb201Arch,
  NB201_NUM_EDGES,
  NB201_NUM_OPS,
  nb201OpIndexOrMinus1,
  type Nb201Arch,
} from './constants.js';

/** Feature count of the full NB201 path encoding: 5 + 25 + 125 = 155. */
export const NB201_PATH_LENGTH = 155;

/** Default cutoff of the truncated path encoding (R2, naszilla): 30 = paths of length 1 and 2. */
export const NB201_TRUNC_PATH_DEFAULT = 30;

/**
 * The 4 input→output paths of the cell as lists of positions in `Nb201Arch`, in the reference
 * order: (0→3), (0→1→3), (0→2→3), (0→1→2→3).
 */
export const NB201_PATHS: readonly (readonly number[])[] = Object.freeze([
  Object.freeze([3]),
  Object.freeze([0, 4]),
  Object.freeze([1, 5]),
  Object.freeze([0, 2, 5]),
]);

// index of the first feature of the block of paths with 1, 2, 3 edges
const OFFSET = [0, 0, 5, 30] as const;

/**
 * Feature indices (0..154) of the 4 input→output paths of `arch`, one per path in
 * `NB201_PATHS` order: offset(L) + Σ_j op_j · 5^j over the L ops of the path (first op least
 * significant, naszilla op indices), offsets 0 / 5 / 30 for L = 1 / 2 / 3. Paths through `none`
 * are kept (`none` is an ordinary symbol), as the reference does. The two 2-edge paths may give
 * the same index. Validates `arch`.
 */
export function nb201PathIndices(arch: Nb201Arch): [number, number, number, number] {
  assertNb201Arch(arch, 'nb201PathIndices');
  const op = (e: number): number => nb201OpIndexOrMinus1(arch[e]);
  return [
    OFFSET[1] + op(3),
    OFFSET[2] + op(0) + 5 * op(4),
    OFFSET[2] + op(1) + 5 * op(5),
    OFFSET[3] + op(0) + 5 * op(2) + 25 * op(5),
  ];
}

/**
 * The reference BANANAS path encoding of an NB201 cell (R1/R2 `cell_201.encode_paths`):
 * a 155-long 0/1 vector with a one at each index of `nb201PathIndices`.
 *
 * Exactly 3 or 4 ones: the 1-edge and 3-edge paths always set one bit each in their own blocks,
 * and the two 2-edge paths set one or two bits in the 25-block (one exactly when
 * ops[0] = ops[1] and ops[4] = ops[5]).
 */
export function nb201PathEncoding(arch: Nb201Arch): Float32Array {
  return nb201TruncatedPathEncoding(arch, NB201_PATH_LENGTH);
}

/**
 * The first `cutoff` features of `nb201PathEncoding` (default 30, R2's truncation, which keeps
 * paths of 1 and 2 edges; R1 slices 40). Holds 2 or 3 ones at cutoff 30.
 *
 * Throws RangeError when `cutoff` is not an integer in 1..155. (The reference treats a cutoff of
 * 0 as "use the default"; here 0 is an error, pass `undefined` for the default.)
 */
export function nb201TruncatedPathEncoding(
  arch: Nb201Arch,
  cutoff: number = NB201_TRUNC_PATH_DEFAULT,
): Float32Array {
  if (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > NB201_PATH_LENGTH) {
    throw new RangeError(
      `nb201TruncatedPathEncoding: cutoff must be an integer in 1..155, got ${cutoff}`,
    );
  }
  const out = new Float32Array(cutoff);
  for (const i of nb201PathIndices(arch)) if (i < cutoff) out[i] = 1;
  return out;
}

/**
 * The reference "standard" (adjacency) encoding of an NB201 cell (R1/R2 `encode_standard`):
 * the 6 naszilla op indices (0..4) in arch-string edge order, as numbers, not one-hot.
 */
export function nb201AdjacencyEncoding(arch: Nb201Arch): Float32Array {
  assertNb201Arch(arch, 'nb201AdjacencyEncoding');
  const out = new Float32Array(NB201_NUM_EDGES);
  for (let e = 0; e < NB201_NUM_EDGES; e++) out[e] = nb201OpIndexOrMinus1(arch[e]);
  return out;
}

/**
 * One-hot encoding of an NB201 cell (R2 `encode_one_hot`, NASLib): 6 × 5 = 30 features,
 * edge-major: feature e·5 + k is 1 when edge e (arch-string order) carries op k (naszilla
 * order). Exactly 6 ones.
 */
export function nb201OneHotEncoding(arch: Nb201Arch): Float32Array {
  assertNb201Arch(arch, 'nb201OneHotEncoding');
  const out = new Float32Array(NB201_NUM_EDGES * NB201_NUM_OPS);
  for (let e = 0; e < NB201_NUM_EDGES; e++) {
    out[e * NB201_NUM_OPS + nb201OpIndexOrMinus1(arch[e])] = 1;
  }
  return out;
}
