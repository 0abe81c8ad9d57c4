import type { Rng } from '../../core/rng.js';
import { padTo7 } from './adjacency-encoding.js';
import type { Nb101Arch } from './cell.js';
import {
  NB101_EDGE_SLOTS,
  NB101_INPUT,
  NB101_MAX_VERTICES,
  NB101_OP_SPOTS,
  NB101_OPS,
  NB101_OUTPUT,
} from './constants.js';
import { isValidBits } from './validate.js';
import { reachability } from './prune.js';

const N = NB101_MAX_VERTICES;

/**
 * A random cell drawn as the reference sampler draws it (`random_encoding='adj'`): each of the
 * 21 upper-triangular bits is 1 with probability 0.5 (row-major order), each of the 5 interior
 * ops is uniform over the 3 ops; redrawn until valid. Returns the raw (unpruned) 7×7 cell.
 *
 * Limitations: not uniform over the 423,624 cells (cells with many isomorphic labellings and
 * dense graphs that survive pruning are favoured), exactly like the reference.
 */
export function sampleNb101(rng: Rng): Nb101Arch {
  for (;;) {
    const matrix: number[][] = [];
    for (let i = 0; i < N; i++) matrix.push(new Array<number>(N).fill(0));
    for (let i = 0; i < N - 1; i++) {
      for (let j = i + 1; j < N; j++) matrix[i]![j] = rng.bernoulli(0.5) ? 1 : 0;
    }
    const ops: string[] = [NB101_INPUT];
    for (let v = 0; v < NB101_OP_SPOTS; v++) ops.push(NB101_OPS[rng.int(NB101_OPS.length)]!);
    ops.push(NB101_OUTPUT);
    if (isValidBits(matrix, ops)) return { matrix, ops };
  }
}

/** Options of `mutateNb101`. */
export interface Nb101MutateOptions {
  /** Expected number of edge flips and of op changes (default 1, the BANANAS setting). */
  rate?: number;
  /** Attempts before the rate is raised by one (default 5000, as in the reference). */
  patience?: number;
}

/**
 * The BANANAS NB101 mutation (R1 `Cell.mutate`, R2 `adj_mutate`): starting each attempt from a
 * fresh copy of the parent (padded to 7×7 with `padTo7` if smaller), flip each of the 21
 * upper-triangular bits with probability rate/21, replace each of the 5 interior ops with
 * probability rate/5 by a uniformly chosen different op; return the first valid child. After
 * `patience` invalid attempts the rate is raised by one (the R1 fallback). The parent is never
 * modified; the child is raw (unpruned) 7×7 and may have the parent's hash (a change that only
 * touched dead edges or vertices, or nothing at all); callers de-duplicate by hash.
 *
 * Expected raw changes at rate 1: 1.0 edge flip and 1.0 op change (PITFALLS B09).
 */
export function mutateNb101(
  parent: Nb101Arch,
  rng: Rng,
  options: Nb101MutateOptions = {},
): Nb101Arch {
  let rate = options.rate ?? 1;
  const patience = options.patience ?? 5000;
  if (!(rate > 0)) throw new RangeError(`nb101.mutate: rate must be > 0, got ${rate}`);
  const base = padTo7(parent);
  for (;;) {
    for (let attempt = 0; attempt < patience; attempt++) {
      const child = rawMutation(base, rng, rate);
      if (isValidBits(child.matrix, child.ops)) return child;
    }
    rate += 1;
  }
}

/**
 * One raw mutation attempt (no validity check), exported for the B09 statistics test.
 * `base` must be a 7×7 cell; it is not modified.
 * @internal
 */
export function rawMutation(base: Nb101Arch, rng: Rng, rate: number): Nb101Arch {
  const matrix = base.matrix.map((r) => r.slice());
  const ops = base.ops.slice();
  const edgeP = rate / NB101_EDGE_SLOTS;
  for (let i = 0; i < N - 1; i++) {
    for (let j = i + 1; j < N; j++) if (rng.next() < edgeP) matrix[i]![j] = matrix[i]![j] ? 0 : 1;
  }
  const opP = rate / NB101_OP_SPOTS;
  for (let v = 1; v <= NB101_OP_SPOTS; v++) {
    if (rng.next() < opP) {
      const others = NB101_OPS.filter((o) => o !== ops[v]);
      ops[v] = others[rng.int(others.length)]!;
    }
  }
  return { matrix, ops };
}

/**
 * The local-search neighbourhood (R2 `adj_neighborhood`), in a fixed order (callers shuffle):
 * first, for each interior vertex 1..5 that lies on an input→output path, the cell with that op
 * replaced by each of the 2 other ops; then, for each of the 21 edge slots in row-major order,
 * the cell with that bit flipped, kept when the edge is on an input→output path before the flip
 * (a removal) or after it (an addition) and the result is valid. Cells smaller than 7×7 are
 * padded with `padTo7` first; neighbours are raw 7×7 cells.
 */
export function neighboursNb101(arch: Nb101Arch): Nb101Arch[] {
  const base = padTo7(arch);
  const out: Nb101Arch[] = [];

  // ops: only vertices that survive pruning
  const live = liveSets(base.matrix);
  for (let v = 1; v <= NB101_OP_SPOTS; v++) {
    if (!live.vertices[v]) continue;
    for (const op of NB101_OPS) {
      if (op === base.ops[v]) continue;
      const ops = base.ops.slice();
      ops[v] = op;
      out.push({ matrix: base.matrix.map((r) => r.slice()), ops });
    }
  }

  // edges: remove a live edge or add an edge that becomes live
  for (let i = 0; i < N - 1; i++) {
    for (let j = i + 1; j < N; j++) {
      const matrix = base.matrix.map((r) => r.slice());
      const had = matrix[i]![j] === 1;
      matrix[i]![j] = had ? 0 : 1;
      const onPath = had ? live.edges[i]![j] : liveSets(matrix).edges[i]![j];
      if (onPath && isValidBits(matrix, base.ops)) out.push({ matrix, ops: base.ops.slice() });
    }
  }
  return out;
}

/** Vertices and edges on some input→output path of a 0/1 matrix. */
function liveSets(matrix: readonly (readonly number[])[]): {
  vertices: boolean[];
  edges: boolean[][];
} {
  const { fromInput, toOutput } = reachability(matrix);
  const connected = fromInput[matrix.length - 1]!;
  const vertices = fromInput.map((f, v) => connected && f && toOutput[v]!);
  const edges = matrix.map((row, r) => row.map((b, c) => b === 1 && vertices[r]! && vertices[c]!));
  return { vertices, edges };
}
