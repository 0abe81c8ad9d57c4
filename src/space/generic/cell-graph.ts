import { stringHash64 } from './string-hash.js';

/** Label of a cell's first vertex (the cell input). */
export const CELL_INPUT = 'input';
/** Label of a cell's last vertex (the cell output). */
export const CELL_OUTPUT = 'output';

/**
 * A cell graph: `matrix[i][j] = 1` when vertex i feeds vertex j (strictly upper-triangular, so
 * vertices are in topological order), and one label per vertex: `'input'` first, `'output'`
 * last, op names in between. Same convention as the NAS-Bench-101 model spec.
 */
export interface CellGraph {
  readonly matrix: readonly (readonly number[])[];
  readonly ops: readonly string[];
}

/**
 * Removes every vertex that is not on some input→output path (forward reachability from the
 * input intersected with backward reachability from the output), as the NAS-Bench-101 spec
 * pruning does. Returns the pruned graph, or `null` when the output cannot be reached from the
 * input at all. The argument is not modified; shapes are trusted (validate first).
 */
export function pruneCell(graph: CellGraph): CellGraph | null {
  const { matrix, ops } = graph;
  const v = ops.length;
  // reach: forward from the input, then backward from the output
  const fwd = new Array<boolean>(v).fill(false);
  fwd[0] = true;
  for (let i = 0; i < v; i++) {
    if (!fwd[i]) continue;
    for (let j = i + 1; j < v; j++) if (matrix[i]![j] === 1) fwd[j] = true;
  }
  const bwd = new Array<boolean>(v).fill(false);
  bwd[v - 1] = true;
  for (let j = v - 1; j >= 0; j--) {
    if (!bwd[j]) continue;
    for (let i = 0; i < j; i++) if (matrix[i]![j] === 1) bwd[i] = true;
  }
  if (!fwd[v - 1]) return null;
  // keep: vertices on an input→output path, in their original order
  const keep: number[] = [];
  for (let i = 0; i < v; i++) if (fwd[i] && bwd[i]) keep.push(i);
  return {
    matrix: keep.map((i) => keep.map((j) => matrix[i]![j]!)),
    ops: keep.map((i) => ops[i]!),
  };
}

/** Number of edges (ones) in an adjacency matrix. */
export function countEdges(matrix: readonly (readonly number[])[]): number {
  let n = 0;
  for (const row of matrix) for (const x of row) n += x;
  return n;
}

/**
 * Isomorphism-invariant fingerprint of a cell graph (16 hex digits): a Weisfeiler–Lehman style
 * refinement in the manner of the NAS-Bench-101 graph hash. Each vertex starts from its
 * (out-degree, in-degree, label); then, once per vertex, its value is replaced by the hash of its
 * sorted in-neighbour values, its sorted out-neighbour values and its own value; the fingerprint
 * is the hash of the sorted final values. Call it on a pruned graph (`pruneCell`) so that dead
 * vertices do not count.
 *
 * Limitations: uses `stringHash64`, not MD5, so the values differ from the NAS-Bench-101 dataset
 * hashes (the NB101 space has its own byte-exact hash). Like every WL hash it could, in
 * principle, give two non-isomorphic graphs the same value (regular graphs with equal labels);
 * no such pair is known for DAGs with a single source and sink up to 7 vertices.
 */
export function cellGraphHash(graph: CellGraph): string {
  const { matrix, ops } = graph;
  const v = ops.length;
  const label = (i: number): string => (i === 0 ? '#in' : i === v - 1 ? '#out' : `op:${ops[i]}`);
  // start: degree and label
  let h: string[] = [];
  for (let i = 0; i < v; i++) {
    let out = 0;
    let inn = 0;
    for (let j = 0; j < v; j++) {
      out += matrix[i]![j]!;
      inn += matrix[j]![i]!;
    }
    h.push(stringHash64(`${out},${inn},${label(i)}`));
  }
  // refine: V rounds of neighbourhood aggregation
  for (let round = 0; round < v; round++) {
    const next: string[] = [];
    for (let i = 0; i < v; i++) {
      const ins: string[] = [];
      const outs: string[] = [];
      for (let j = 0; j < v; j++) {
        if (matrix[j]![i] === 1) ins.push(h[j]!);
        if (matrix[i]![j] === 1) outs.push(h[j]!);
      }
      next.push(stringHash64(`${ins.sort().join('')}|${outs.sort().join('')}|${h[i]}`));
    }
    h = next;
  }
  return stringHash64(h.sort().join(','));
}

/**
 * Path indices of every input→output path of a cell (with multiplicity, in enumeration order).
 *
 * A path is the sequence of op codes of its interior vertices (0 … V−2 ops); with `numOps` = k
 * ops its index is Σ_t k^t · (code_t + 1), first op least significant (a bijective base-k
 * numbering), so paths of length L fill the range [Σ_{l<L} k^l, Σ_{l≤L} k^l). For NAS-Bench-101
 * (k = 3) this is the reference numbering: the empty path is 0, conv1x1 → maxpool is 2 + 3·3 = 11.
 * Paths that end at a dead-end vertex are not counted, so pruned and unpruned graphs agree.
 *
 * `codes[i]` is the op code (0..k−1) of vertex i; entries 0 and V−1 are ignored.
 */
export function cellPathIndices(
  matrix: readonly (readonly number[])[],
  codes: readonly number[],
  numOps: number,
): number[] {
  const v = codes.length;
  // paths[i]: (index, length) of every path from the input that reaches vertex i
  const index: number[][] = Array.from({ length: v }, () => []);
  const len: number[][] = Array.from({ length: v }, () => []);
  index[0]!.push(0);
  len[0]!.push(0);
  for (let i = 0; i < v - 1; i++) {
    const pi = index[i]!;
    const pl = len[i]!;
    for (let j = i + 1; j < v; j++) {
      if (matrix[i]![j] !== 1) continue;
      for (let p = 0; p < pi.length; p++) {
        if (i === 0) {
          index[j]!.push(0);
          len[j]!.push(0);
        } else {
          index[j]!.push(pi[p]! + numOps ** pl[p]! * (codes[i]! + 1));
          len[j]!.push(pl[p]! + 1);
        }
      }
    }
  }
  return index[v - 1]!;
}

/** Feature count of the path encoding with paths of at most `maxLength` ops over `numOps` ops: Σ_{L≤max} k^L. */
export function pathFeatureCount(numOps: number, maxLength: number): number {
  let n = 0;
  for (let l = 0; l <= maxLength; l++) n += numOps ** l;
  return n;
}
