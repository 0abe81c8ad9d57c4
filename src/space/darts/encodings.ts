import { DARTS_CELLS, DARTS_EDGES, DARTS_NODES, type DartsArch } from './constants.js';

/**
 * Per-input block size of the DARTS path encoding with `numOps` ops: Σ_{L=0}^{4} k^L when
 * `truncated` is false (4,681 for k = 8), 1 + Σ_{L=0}^{3} k^L when true (586 for k = 8).
 */
export function dartsPathBlock(numOps: number, truncated: boolean): number {
  let n = 0;
  for (let l = 0; l < DARTS_NODES + (truncated ? 0 : 1); l++) n += numOps ** l;
  return truncated ? n + 1 : n;
}

/**
 * Feature count of the DARTS path encoding: 4 blocks (normal/reduce × input 0/1) of
 * `dartsPathBlock`. With the 8 BANANAS ops: 18,724 (full) and 2,344 (truncated), as REFERENCE
 * §1.4 states; with the 7 NB301 ops: 11,204 and 1,604.
 */
export function dartsPathLength(numOps: number, truncated: boolean): number {
  return 4 * dartsPathBlock(numOps, truncated);
}

/**
 * Path indices of a DARTS architecture in the R1 (`darts/arch.py get_path_indices`) numbering,
 * in enumeration order with multiplicity.
 *
 * Paths (REFERENCE §1.4 last bullet, PITFALLS B04): every path that starts at a cell input and
 * ends at **any** intermediate node counts (not only those reaching the cell output, because the
 * output concatenates every intermediate node). Enumeration: for each cell, each edge in order;
 * an edge reading input 0 or 1 starts a one-op path; an edge reading node m extends every path
 * already ending at m by its op.
 *
 * Index of a path with ops o_1..o_L (L = 1..4) starting at input s of cell c (normal = 0,
 * reduce = 1), with block size B = `dartsPathBlock(k, truncated)`:
 * c·2B + s·B + Σ_{t<L} k^t·(code(o_{t+1}) + 1). Block offset 0 is never used (every path has an
 * op). Truncated (R1 `long_paths=False`): a 4-op path instead sets the single flag
 * 2(c+1)·B − 1, i.e. the last feature of the cell's **input-1** block whichever input the path
 * starts from (a reference quirk we keep; the input-0 block's last feature is always 0).
 *
 * `codeOf` maps an op name to its code (0..k−1). Inputs are trusted (validate first).
 */
export function dartsPathIndices(
  arch: DartsArch,
  codeOf: (op: string) => number,
  numOps: number,
  truncated: boolean,
): number[] {
  const block = dartsPathBlock(numOps, truncated);
  const out: number[] = [];
  DARTS_CELLS.forEach((cellName, c) => {
    const cell = arch[cellName];
    // ending[m]: (start input, partial index, op count) of the paths ending at node m + 2
    const ending: Array<Array<[number, number, number]>> = Array.from(
      { length: DARTS_NODES },
      () => [],
    );
    for (let e = 0; e < DARTS_EDGES; e++) {
      const [op, input] = cell[e]!;
      const step = codeOf(op) + 1;
      const node = e >> 1;
      const sources: Array<[number, number, number]> =
        input < 2 ? [[input, 0, 0]] : ending[input - 2]!;
      for (const [start, index, len] of sources) {
        const path: [number, number, number] = [start, index + numOps ** len * step, len + 1];
        ending[node]!.push(path);
        if (truncated && path[2] >= DARTS_NODES) out.push(2 * (c + 1) * block - 1);
        else out.push(c * 2 * block + start * block + path[1]);
      }
    }
  });
  return out;
}

/**
 * The R2 (`cell_301.encode_adj`) adjacency encoding, 114 features: per cell (normal, then
 * reduce) a 7×7 matrix over nodes (input 0, input 1, nodes 2..5, output 6) flattened row-major,
 * with a 1 from each edge's input to its node and from nodes 2..5 to the output, followed by the
 * 8 op codes (raw indices, not one-hot).
 */
export function dartsAdjacencyEncoding(
  arch: DartsArch,
  codeOf: (op: string) => number,
): Float32Array {
  const x = new Float32Array(2 * (49 + DARTS_EDGES));
  DARTS_CELLS.forEach((cellName, c) => {
    const base = c * (49 + DARTS_EDGES);
    arch[cellName].forEach(([op, input], e) => {
      x[base + input * 7 + (e >> 1) + 2] = 1;
      x[base + 49 + e] = codeOf(op);
    });
    for (let n = 2; n < 6; n++) x[base + n * 7 + 6] = 1;
  });
  return x;
}
