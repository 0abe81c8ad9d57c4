import { ConfigError } from '../core/errors.js';
import { checkEncoding } from '../space/check-encoding.js';
import type { SearchSpace } from '../space/types.js';

/** Distance names the GP baseline accepts (REFERENCE §2.4); 'edit' is an alias of 'adj'. */
export const GP_DISTANCES = ['adj', 'edit', 'path', 'trunc_path', 'nasbot'] as const;
export type GpDistanceName = (typeof GP_DISTANCES)[number];

/**
 * A distance between architectures, split into a featurisation done once per architecture
 * and a cheap comparison:
 * d(a, b) = Σ_{i < categorical} [fa_i ≠ fb_i] + Σ_{i ≥ categorical} |fa_i − fb_i|.
 * Every distance here is of that form, i.e. an L1/Hamming distance between feature vectors, so
 * the kernel exp(−d/ℓ²) built on it is positive semi-definite.
 */
export interface ArchDistance<A> {
  readonly name: string;
  featurize(arch: A): Float64Array;
  /** Leading features compared by inequality (op ids); the rest by absolute difference. */
  readonly categorical: number;
}

/** d(fa, fb) for two featurised architectures of one `ArchDistance`. */
export function featureDistance(fa: Float64Array, fb: Float64Array, categorical: number): number {
  let d = 0;
  for (let i = 0; i < categorical; i++) if (fa[i] !== fb[i]) d++;
  for (let i = categorical; i < fa.length; i++) d += Math.abs(fa[i]! - fb[i]!);
  return d;
}

/**
 * The distance `name` on `space`, dispatching on `space.name` (REFERENCE §1.4, §1.6, §2.4):
 *
 * - nb201 — 'adj' (= 'edit'): number of edges whose ops differ (0..6); 'nasbot': L1 distance
 *   of the two op-count vectors + 'adj'; 'path' / 'trunc_path': Hamming distance of the path
 *   encodings (155 / 30 features).
 * - nb101 — 'adj' (= 'edit'): differing upper-triangular entries + differing ops of the two
 *   cells padded to 7 × 7; 'nasbot': L1 of sorted in-degree vectors + sorted out-degree vectors
 *   + op-count vectors; 'path' / 'trunc_path': Hamming on 364 / 40 features.
 * - any other space: 'path', 'trunc_path' or any encoding name the space offers, compared
 *   entry by entry (number of differing entries).
 *
 * NB101 cells smaller than 7 vertices (pruned table rows) are padded as the reference pads
 * them (PITFALLS B12): conv3x3 filler vertices without edges inserted before the output, so a
 * pruned cell and its padded 7 × 7 form are at distance 0.
 *
 * Throws ConfigError naming the valid names for an unknown distance.
 */
export function createDistance<A>(space: SearchSpace<A>, name: string): ArchDistance<A> {
  const dist = name === 'edit' ? 'adj' : name;
  if (dist === 'path' || dist === 'trunc_path') return encodingDistance(space, dist);
  if (space.name === 'nb201') {
    if (dist === 'adj') return nb201Adj() as unknown as ArchDistance<A>;
    if (dist === 'nasbot') return nb201Nasbot() as unknown as ArchDistance<A>;
  } else if (space.name === 'nb101') {
    if (dist === 'adj') return nb101Adj() as unknown as ArchDistance<A>;
    if (dist === 'nasbot') return nb101Nasbot() as unknown as ArchDistance<A>;
  } else if (space.encodings.includes(dist)) {
    return encodingDistance(space, dist);
  } else if (dist === 'adj') {
    // another space (a user's): differing entries of its adjacency or one-hot encoding
    const enc =
      ['adjacency', 'onehot'].find((e) => space.encodings.includes(e)) ?? space.encodings[0];
    if (enc !== undefined) return encodingDistance(space, enc);
  }
  const valid = space.name === 'nb201' || space.name === 'nb101' ? GP_DISTANCES : space.encodings;
  throw new ConfigError(
    `gp distance: unknown distance '${name}' for space '${space.name}'; valid: ${valid.join(', ')}`,
  );
}

/**
 * Number of differing entries of `space.encode(arch, encoding)`: the Hamming distance for a
 * binary encoding (path, truncated path), the number of differing slots for a categorical one.
 * Throws ConfigError when the space has no such encoding.
 */
export function encodingDistance<A>(space: SearchSpace<A>, encoding: string): ArchDistance<A> {
  checkEncoding('gp distance', space, encoding);
  const cols = space.encodingLength(encoding);
  return {
    name: encoding,
    categorical: cols,
    featurize: (arch: A) => Float64Array.from(space.encode(arch, encoding)),
  };
}

// ---- NB201: an architecture is its 6 op names in arch-string edge order ------------------------

const NB201_OP_ORDER = ['avg_pool_3x3', 'nor_conv_1x1', 'nor_conv_3x3', 'none', 'skip_connect'];

function nb201Codes(arch: readonly string[]): number[] {
  if (arch.length !== 6) {
    throw new RangeError(`gp distance (nb201): expected 6 ops, got ${arch.length}`);
  }
  return arch.map((op) => {
    const c = NB201_OP_ORDER.indexOf(op);
    if (c < 0) throw new TypeError(`gp distance (nb201): unknown op ${JSON.stringify(op)}`);
    return c;
  });
}

function nb201Adj(): ArchDistance<readonly string[]> {
  return { name: 'adj', categorical: 6, featurize: (a) => Float64Array.from(nb201Codes(a)) };
}

function nb201Nasbot(): ArchDistance<readonly string[]> {
  return {
    name: 'nasbot',
    categorical: 6,
    featurize: (a) => {
      const codes = nb201Codes(a);
      const f = new Float64Array(11);
      codes.forEach((c, i) => {
        f[i] = c;
        f[6 + c] += 1;
      });
      return f;
    },
  };
}

// ---- NB101: { matrix, ops } --------------------------------------------------------------------

interface CellLike {
  matrix: ArrayLike<ArrayLike<number>>;
  ops: readonly string[];
}

const NB101_INTERIOR = ['conv3x3-bn-relu', 'conv1x1-bn-relu', 'maxpool3x3'];
// 7 × 7 adjacency (row-major 0/1) and op codes (input −1, interior 0..2, output 3); fillers
// get conv3x3 (code 0), as the reference's padding gives them (PITFALLS B12)
function padded(cell: CellLike): { m: Uint8Array; ops: number[] } {
  const n = cell.matrix.length;
  if (n < 2 || n > 7 || cell.ops.length !== n) {
    throw new RangeError(
      `gp distance (nb101): expected a 2..7 vertex cell with one op per vertex, got ${n} × ${cell.ops.length}`,
    );
  }
  const m = new Uint8Array(49);
  const pos = (v: number): number => (v === n - 1 ? 6 : v);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (cell.matrix[i]![j]) m[pos(i) * 7 + pos(j)] = 1;
  }
  const ops = new Array<number>(7).fill(0);
  ops[0] = -1;
  ops[6] = 3;
  for (let v = 1; v < n - 1; v++) {
    const c = NB101_INTERIOR.indexOf(cell.ops[v]!);
    if (c < 0) {
      throw new TypeError(
        `gp distance (nb101): unknown op ${JSON.stringify(cell.ops[v])} at vertex ${v}`,
      );
    }
    ops[v] = c;
  }
  return { m, ops };
}

function nb101Adj(): ArchDistance<CellLike> {
  return {
    name: 'adj',
    categorical: 26,
    featurize: (cell) => {
      const { m, ops } = padded(cell);
      const f = new Float64Array(26);
      let t = 0;
      for (let i = 0; i < 7; i++) for (let j = i + 1; j < 7; j++) f[t++] = m[i * 7 + j]!;
      // input and output ops never differ, so only the 5 interior slots are kept
      for (let v = 1; v <= 5; v++) f[t++] = ops[v]!;
      return f;
    },
  };
}

function nb101Nasbot(): ArchDistance<CellLike> {
  return {
    name: 'nasbot',
    categorical: 0,
    featurize: (cell) => {
      const { m, ops } = padded(cell);
      const inDeg = new Array<number>(7).fill(0);
      const outDeg = new Array<number>(7).fill(0);
      for (let i = 0; i < 7; i++) {
        for (let j = 0; j < 7; j++) {
          if (m[i * 7 + j]) {
            outDeg[i]++;
            inDeg[j]++;
          }
        }
      }
      const f = new Float64Array(17);
      inDeg.sort((a, b) => a - b).forEach((d, i) => (f[i] = d));
      outDeg.sort((a, b) => a - b).forEach((d, i) => (f[7 + i] = d));
      for (let v = 1; v <= 5; v++) f[14 + ops[v]!] += 1;
      return f;
    },
  };
}
