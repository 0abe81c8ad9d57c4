import type { Rng } from '../../core/rng.js';
import type { MutateOptions, SearchSpace } from '../types.js';
import {
  encodeAdjacency,
  encodeOneHot,
  NB101_ADJACENCY_LENGTH,
  NB101_ONEHOT_LENGTH,
} from './adjacency-encoding.js';
import { copyArch, type Nb101Arch } from './cell.js';
import { hashModule, labelsOf, type Md5Fn } from './graph-hash.js';
import { md5Hex } from './md5.js';
import { mutateNb101, neighboursNb101, sampleNb101 } from './mutate.js';
import {
  encodePath,
  NB101_PATH_COUNT,
  NB101_TRUNC_PATH_LENGTH,
  pathIndices,
} from './path-encoding.js';
import { isValidNb101, validateNb101 } from './validate.js';

export type { Nb101Arch } from './cell.js';
export { prune } from './prune.js';
export { graphHash } from './graph-hash.js';

/** Options of `createNb101Space`. */
export interface Nb101SpaceOptions {
  /**
   * Identity key returned by `hash`:
   * - `'graph'` (default, the fix): the official isomorphism-invariant graph hash of the pruned
   *   cell, so isomorphs and cells differing only in dead vertices/edges are one cell (B01, B03);
   * - `'path'` (the reference BANANAS de-dup key): the sorted tuple of path indices with
   *   multiplicity, as text `'path:1,2,3,4'`. Two non-isomorphic cells with the same multiset of
   *   input→output op sequences collide under it.
   */
  identity?: 'graph' | 'path';
  /**
   * Cutoff of the `trunc_path` encoding (default 40 = paths of length ≤ 3, the reference value;
   * 0 means the default, as in the reference).
   */
  truncCutoff?: number;
  /** MD5 used by the graph hash (default: the pure-TypeScript one; node:crypto's is faster). */
  md5?: Md5Fn;
}

const ENCODINGS = ['path', 'trunc_path', 'adjacency', 'onehot'] as const;

/**
 * The NAS-Bench-101 search space (name 'nb101'): cells of at most 7 vertices and 9 edges with
 * the ops conv3x3-bn-relu, conv1x1-bn-relu and maxpool3x3 (REFERENCE §1.3).
 *
 * - `sample`: the reference sampler (21 bits with p = 0.5, ops uniform, redraw until valid);
 *   returns raw 7×7 cells.
 * - `mutate`: the BANANAS mutation (each bit flips with p = rate/21, each interior op changes
 *   with p = rate/5 to a different op, retried until valid); never modifies its argument.
 * - `neighbours`: the local-search neighbourhood (R2 `adj_neighborhood`), unshuffled.
 * - `hash`: see `Nb101SpaceOptions.identity` (default: official graph hash of the pruned cell).
 * - encodings: `path` (364), `trunc_path` (40), `adjacency` (26, reference layout), `onehot` (36).
 * - `serialize`: compact JSON `{"matrix":[[...]],"ops":[...]}` of the cell as given (not pruned,
 *   so `parse(serialize(a))` equals `a` exactly; the hash is what identifies cells); `parse`
 *   checks the shape (ops length must equal the matrix size, B12) and validity.
 *
 * Every method validates its argument (TypeError/RangeError for a malformed cell,
 * OutOfSpaceError for a well-formed one outside the space), except `isValid`, which answers.
 */
export function createNb101Space(options: Nb101SpaceOptions = {}): SearchSpace<Nb101Arch> {
  const identity = options.identity ?? 'graph';
  if (identity !== 'graph' && identity !== 'path') {
    throw new Error(
      `createNb101Space: identity must be 'graph' or 'path', got '${String(identity)}'`,
    );
  }
  const cutoff =
    options.truncCutoff === undefined || options.truncCutoff === 0
      ? NB101_TRUNC_PATH_LENGTH
      : options.truncCutoff;
  if (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > NB101_PATH_COUNT) {
    throw new RangeError(
      `createNb101Space: truncCutoff must be an integer in 1..${NB101_PATH_COUNT}, got ${cutoff}`,
    );
  }
  const md5 = options.md5 ?? md5Hex;

  const lengths: Record<string, number> = {
    path: NB101_PATH_COUNT,
    trunc_path: cutoff,
    adjacency: NB101_ADJACENCY_LENGTH,
    onehot: NB101_ONEHOT_LENGTH,
  };

  return {
    name: 'nb101',
    encodings: ENCODINGS,

    sample(rng: Rng): Nb101Arch {
      return sampleNb101(rng);
    },

    mutate(arch: Nb101Arch, rng: Rng, mutateOptions?: MutateOptions): Nb101Arch {
      validateNb101(arch, 'nb101.mutate');
      return mutateNb101(copyArch(arch), rng, { rate: mutateOptions?.rate ?? 1 });
    },

    neighbours(arch: Nb101Arch): Nb101Arch[] {
      validateNb101(arch, 'nb101.neighbours');
      return neighboursNb101(arch);
    },

    hash(arch: Nb101Arch): string {
      const pruned = validateNb101(arch, 'nb101.hash');
      if (identity === 'path') return 'path:' + pathIndices(pruned).join(',');
      return hashModule(pruned.matrix, labelsOf(pruned.ops, 'nb101.hash'), md5);
    },

    isValid(arch: Nb101Arch): boolean {
      return isValidNb101(arch);
    },

    validate(arch: Nb101Arch): void {
      validateNb101(arch);
    },

    encodingLength(encoding: string): number {
      const n = lengths[encoding];
      if (n === undefined) throw unknownEncoding(encoding);
      return n;
    },

    encode(arch: Nb101Arch, encoding: string): Float32Array {
      if (lengths[encoding] === undefined) throw unknownEncoding(encoding);
      const pruned = validateNb101(arch, 'nb101.encode');
      switch (encoding) {
        case 'path':
          return encodePath(pruned);
        case 'trunc_path':
          return encodePath(pruned, cutoff);
        case 'adjacency':
          return encodeAdjacency(arch);
        default:
          return encodeOneHot(arch);
      }
    },

    serialize(arch: Nb101Arch): string {
      // the cell as given (dead vertices included), so parse(serialize(a)) is exactly a: mutation
      // and the neighbourhood act on the raw 7×7 cell as the reference does, and a restored
      // optimiser must continue from the same cells
      validateNb101(arch, 'nb101.serialize');
      return JSON.stringify({
        matrix: arch.matrix.map((r) => r.map((v) => (v ? 1 : 0))),
        ops: arch.ops,
      });
    },

    parse(text: string): Nb101Arch {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        const why = (e as Error).message;
        throw new TypeError(`nb101.parse: not JSON (${why}): ${text.slice(0, 80)}`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new TypeError(
          `nb101.parse: expected {"matrix": [...], "ops": [...]}, got ${text.slice(0, 80)}`,
        );
      }
      const { matrix, ops } = value as { matrix?: unknown; ops?: unknown };
      const arch = { matrix, ops } as Nb101Arch;
      validateNb101(arch, 'nb101.parse');
      return { matrix: arch.matrix.map((r) => r.map((v) => (v ? 1 : 0))), ops: arch.ops.slice() };
    },
  };
}

/** The NAS-Bench-101 space with the default options (identity = official graph hash). */
export const nb101Space: SearchSpace<Nb101Arch> = createNb101Space();

function unknownEncoding(encoding: string): Error {
  return new Error(`nb101.encode: unknown encoding '${encoding}'; valid: ${ENCODINGS.join(', ')}`);
}
