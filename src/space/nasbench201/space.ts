import { ConfigError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { MutateOptions, SearchSpace } from '../types.js';
import { nb201ArchString, parseNb201ArchString } from './arch-string.js';
import {
  assertNb201Arch,
  NB201_NUM_EDGES,
  NB201_NUM_OPS,
  NB201_OPS,
  nb201OpIndexOrMinus1,
  type Nb201Arch,
  type Nb201Op,
} from './constants.js';
import {
  NB201_PATH_LENGTH,
  NB201_TRUNC_PATH_DEFAULT,
  nb201AdjacencyEncoding,
  nb201OneHotEncoding,
  nb201PathEncoding,
  nb201TruncatedPathEncoding,
} from './encodings.js';

export type { Nb201Arch, Nb201Op } from './constants.js';
export {
  assertNb201Arch,
  NB201_EDGES,
  NB201_NUM_EDGES,
  NB201_NUM_OPS,
  NB201_OPS,
  NB201_SIZE,
  nb201EdgePosition,
  nb201OpIndex,
  nb201OpName,
} from './constants.js';
export { nb201ArchString, parseNb201ArchString } from './arch-string.js';
export {
  NASLIB_NB201_EDGES,
  NASLIB_NB201_OPS,
  NATS_NB201_OPS,
  nb201FromNaslib,
  nb201FromNatsMatrix,
  nb201FromNaszillaNumber,
  nb201NaszillaNumber,
  nb201ToNaslib,
  nb201ToNatsMatrix,
} from './conventions.js';
export {
  NB201_PATH_LENGTH,
  NB201_PATHS,
  NB201_TRUNC_PATH_DEFAULT,
  nb201AdjacencyEncoding,
  nb201OneHotEncoding,
  nb201PathEncoding,
  nb201PathIndices,
  nb201TruncatedPathEncoding,
} from './encodings.js';

/** Encoding names `nb201Space.encode` accepts, with their feature counts. */
const ENCODINGS = {
  path: NB201_PATH_LENGTH,
  trunc_path: NB201_TRUNC_PATH_DEFAULT,
  adjacency: NB201_NUM_EDGES,
  onehot: NB201_NUM_EDGES * NB201_NUM_OPS,
} as const;

/**
 * A uniformly random NB201 cell: each of the 6 edges gets one of the 5 ops uniformly
 * (6 `rng.int(5)` draws in edge order). No validity filter, as in the reference: all 15,625
 * cells are table rows, including the 341 whose output is cut off by `none` edges (B13).
 */
export function sampleNb201(rng: Rng): Nb201Arch {
  const ops = new Array<Nb201Op>(NB201_NUM_EDGES);
  for (let e = 0; e < NB201_NUM_EDGES; e++) ops[e] = NB201_OPS[rng.int(NB201_NUM_OPS)]!;
  return ops;
}

/**
 * The reference NB201 mutation (R1/R2 `cell_201.mutate`, `mutate_encoding='adj'`): each edge, in
 * order, changes with probability rate / 4 (= rate / (6 − 2); default rate 1 → 0.25) to an op
 * chosen uniformly among the 4 others. The result can equal the parent (probability 0.75^6 ≈
 * 17.8 % at rate 1, PITFALLS B29). `arch` is never modified.
 *
 * Draws per edge: one `rng.next()` (the coin), then one `rng.int(4)` when the edge changes.
 * Throws RangeError when `rate` is not a finite number ≥ 0; rates above 4 act as 4 (every edge
 * changes), as the reference's probability comparison does.
 */
export function mutateNb201(arch: Nb201Arch, rng: Rng, options: MutateOptions = {}): Nb201Arch {
  assertNb201Arch(arch, 'nb201.mutate');
  const rate = options.rate ?? 1;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new RangeError(`nb201.mutate: rate must be a finite number >= 0, got ${rate}`);
  }
  const p = rate / (NB201_NUM_EDGES - 2);
  const ops = arch.slice();
  for (let e = 0; e < NB201_NUM_EDGES; e++) {
    if (rng.next() < p) {
      // uniform over the 4 other ops: draw 0..3 and skip over the current index
      const cur = nb201OpIndexOrMinus1(ops[e]);
      const k = rng.int(NB201_NUM_OPS - 1);
      ops[e] = NB201_OPS[k >= cur ? k + 1 : k]!;
    }
  }
  return ops;
}

/**
 * The 24 cells that differ from `arch` in exactly one edge, in a fixed order: edges in
 * arch-string order, and for each edge the 4 other ops in naszilla op order.
 */
export function nb201Neighbours(arch: Nb201Arch): Nb201Arch[] {
  assertNb201Arch(arch, 'nb201.neighbours');
  const out: Nb201Arch[] = [];
  for (let e = 0; e < NB201_NUM_EDGES; e++) {
    for (const op of NB201_OPS) {
      if (op === arch[e]) continue;
      const ops = arch.slice();
      ops[e] = op;
      out.push(ops);
    }
  }
  return out;
}

/**
 * True when some input→output route uses only non-`none` edges (the `check_valid` semantics of
 * NASLib / NB201 tools). 341 of the 15,625 cells have no such route; they remain legal members
 * of the space and table rows (they score chance level, PITFALLS B13). This is an analysis
 * helper: `nb201Space.isValid` is true for every well-formed cell.
 */
export function nb201HasLiveRoute(arch: Nb201Arch): boolean {
  assertNb201Arch(arch, 'nb201HasLiveRoute');
  const live = (e: number): boolean => arch[e] !== 'none';
  return live(3) || (live(0) && live(4)) || (live(1) && live(5)) || (live(0) && live(2) && live(5));
}

/**
 * The NAS-Bench-201 search space (name 'nb201'): 6 edges × 5 ops, all 15,625 cells valid.
 *
 * - `hash` and `serialize`: the canonical arch string (`nb201ArchString`).
 * - `parse`: `parseNb201ArchString` (trims, reorders a node's inputs; throws SyntaxError).
 * - `sample`, `mutate`, `neighbours`: `sampleNb201`, `mutateNb201`, `nb201Neighbours`.
 * - `validate`: RangeError for a wrong length, TypeError for a non-array or unknown op name;
 *   never OutOfSpaceError (every well-formed cell is in the space).
 * - `encodings`: 'path' (155), 'trunc_path' (first 30 of path; other cutoffs via
 *   `nb201TruncatedPathEncoding`), 'adjacency' (the reference "standard" 6 op indices), 'onehot'
 *   (30). An unknown encoding name throws ConfigError listing the valid ones.
 */
export const nb201Space: SearchSpace<Nb201Arch> = Object.freeze({
  name: 'nb201',
  encodings: Object.freeze(Object.keys(ENCODINGS)),
  sample: sampleNb201,
  mutate: mutateNb201,
  neighbours: nb201Neighbours,
  hash(arch: Nb201Arch): string {
    assertNb201Arch(arch, 'nb201.hash');
    return nb201ArchString(arch);
  },
  isValid(arch: Nb201Arch): boolean {
    try {
      assertNb201Arch(arch, 'nb201.isValid');
      return true;
    } catch {
      return false;
    }
  },
  validate(arch: Nb201Arch): void {
    assertNb201Arch(arch, 'nb201.validate');
  },
  encodingLength(encoding: string): number {
    return ENCODINGS[checkEncoding(encoding)];
  },
  encode(arch: Nb201Arch, encoding: string): Float32Array {
    switch (checkEncoding(encoding)) {
      case 'path':
        return nb201PathEncoding(arch);
      case 'trunc_path':
        return nb201TruncatedPathEncoding(arch, NB201_TRUNC_PATH_DEFAULT);
      case 'adjacency':
        return nb201AdjacencyEncoding(arch);
      case 'onehot':
        return nb201OneHotEncoding(arch);
    }
  },
  serialize(arch: Nb201Arch): string {
    assertNb201Arch(arch, 'nb201.serialize');
    return nb201ArchString(arch);
  },
  parse: parseNb201ArchString,
});

function checkEncoding(encoding: string): keyof typeof ENCODINGS {
  if (!Object.prototype.hasOwnProperty.call(ENCODINGS, encoding)) {
    throw new ConfigError(
      `nb201: unknown encoding ${JSON.stringify(encoding)}; ` +
        `valid: ${Object.keys(ENCODINGS).join(', ')}`,
    );
  }
  return encoding as keyof typeof ENCODINGS;
}
