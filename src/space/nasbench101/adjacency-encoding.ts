import type { Nb101Arch } from './cell.js';
import { NB101_EDGE_SLOTS, NB101_MAX_VERTICES, NB101_OUTPUT } from './constants.js';

/** Length of the reference `adj` encoding: 21 edge bits + 5 op scalars. */
export const NB101_ADJACENCY_LENGTH = NB101_EDGE_SLOTS + 5;

/** Length of the NASLib one-hot adjacency encoding: 21 edge bits + 5 × 3 one-hot ops. */
export const NB101_ONEHOT_LENGTH = NB101_EDGE_SLOTS + 15;

/** Filler op the reference uses when it pads a small cell to 7×7. */
export const NB101_PAD_OP = 'conv3x3-bn-relu';

/**
 * Pads a cell with fewer than 7 vertices to 7×7 as the reference `convert_to_cell` does:
 * vertices 0..V−2 keep their place, the output moves to index 6 (its column moves with it),
 * and the new vertices V−1..5 get op conv3x3-bn-relu and no edges. A 7-vertex cell is copied
 * unchanged. The hash and the path encoding are unchanged by padding (PITFALLS B12 (b)).
 */
export function padTo7(arch: Nb101Arch): Nb101Arch {
  const n = arch.matrix.length;
  const N = NB101_MAX_VERTICES;
  if (n >= N) {
    return { matrix: arch.matrix.map((r) => r.map((v) => (v ? 1 : 0))), ops: arch.ops.slice() };
  }

  const matrix: number[][] = [];
  for (let i = 0; i < N; i++) matrix.push(new Array<number>(N).fill(0));
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const to = j === n - 1 ? N - 1 : j;
      matrix[i]![to] = arch.matrix[i]![j] ? 1 : 0;
    }
  }
  const ops: string[] = [];
  for (let i = 0; i < N - 1; i++) ops.push(i < n - 1 ? arch.ops[i]! : NB101_PAD_OP);
  ops.push(NB101_OUTPUT);
  return { matrix, ops };
}

/**
 * The reference `adj` ("standard") encoding, 26 features: the 21 upper-triangular bits of the
 * 7×7 matrix row-major ((0,1), (0,2), … (5,6)), then one scalar per interior vertex
 * (conv1x1 0.0, conv3x3 0.5, maxpool 1.0) stored in reverse: slot 25 = vertex 1 … slot 21 =
 * vertex 5. The cell is encoded as given (dead edges included, as in the reference); smaller
 * cells are padded with `padTo7` first.
 *
 * Limitations: not isomorphism-invariant (PITFALLS B03).
 */
export function encodeAdjacency(arch: Nb101Arch): Float32Array {
  const { matrix, ops } = padTo7(arch);
  const out = new Float32Array(NB101_ADJACENCY_LENGTH);
  let k = 0;
  for (let i = 0; i < NB101_MAX_VERTICES - 1; i++) {
    for (let j = i + 1; j < NB101_MAX_VERTICES; j++) out[k++] = matrix[i]![j] ? 1 : 0;
  }
  for (let v = 1; v <= 5; v++) out[NB101_ADJACENCY_LENGTH - v] = ADJ_OP_VALUE[ops[v]!] ?? 0;
  return out;
}

/**
 * The NASLib one-hot adjacency encoding, 36 features: the same 21 edge bits as
 * `encodeAdjacency`, then for vertices 1..5 in order a one-hot triple: maxpool [1,0,0],
 * conv3x3 [0,1,0], conv1x1 [0,0,1]. Smaller cells are padded with `padTo7` first.
 *
 * Limitations: not isomorphism-invariant (PITFALLS B03).
 */
export function encodeOneHot(arch: Nb101Arch): Float32Array {
  const { matrix, ops } = padTo7(arch);
  const out = new Float32Array(NB101_ONEHOT_LENGTH);
  let k = 0;
  for (let i = 0; i < NB101_MAX_VERTICES - 1; i++) {
    for (let j = i + 1; j < NB101_MAX_VERTICES; j++) out[k++] = matrix[i]![j] ? 1 : 0;
  }
  for (let v = 1; v <= 5; v++) {
    const slot = ONEHOT_SLOT[ops[v]!];
    if (slot !== undefined) out[NB101_EDGE_SLOTS + 3 * (v - 1) + slot] = 1;
  }
  return out;
}

const ADJ_OP_VALUE: Record<string, number> = {
  'conv1x1-bn-relu': 0,
  'conv3x3-bn-relu': 0.5,
  maxpool3x3: 1,
};

const ONEHOT_SLOT: Record<string, number> = {
  maxpool3x3: 0,
  'conv3x3-bn-relu': 1,
  'conv1x1-bn-relu': 2,
};
