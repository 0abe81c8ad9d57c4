import { ConfigError, OutOfSpaceError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { MutateOptions, SearchSpace } from '../types.js';
import { describe } from './describe.js';
import {
  CELL_INPUT,
  CELL_OUTPUT,
  cellGraphHash,
  cellPathIndices,
  countEdges,
  pathFeatureCount,
  pruneCell,
  type CellGraph,
} from './cell-graph.js';

/** An architecture of a generic cell space: a labelled DAG (see `CellGraph`). */
export type CellArch = CellGraph;

/** Options of `createCellSpace`. */
export interface CellSpaceOptions {
  /** Id used in result files and on the CLI (default 'cell'). */
  name?: string;
  /** Vertices including the input and the output (3..16). */
  nodes: number;
  /** Op vocabulary of the interior vertices (≥ 1 distinct names, neither 'input' nor 'output'). */
  ops: readonly string[];
  /** Most edges a cell may keep after pruning (default: no limit; NAS-Bench-101 uses 9). */
  maxEdges?: number;
  /**
   * Which forward edges exist at all (default: every i → j with i < j). Disallowed edges are
   * never sampled or mutated in, and a cell using one is outside the space.
   */
  allowEdge?: (from: number, to: number) => boolean;
  /** Probability of each allowed edge in the sampler (default 0.5, as the NB101 sampler). */
  edgeProbability?: number;
  /** Longest path (in ops) the 'trunc_path' encoding keeps (default min(3, nodes − 2)). */
  truncatedPathLength?: number;
}

/** Sampler attempts before `sample` gives up (the constraints admit almost no cell). */
const SAMPLE_TRIES = 10000;
/** Mutation attempts before `mutate` returns an unchanged copy (the reference uses 5,000). */
const MUTATE_TRIES = 5000;
/** The 'path' encoding is offered only up to this many features. */
const MAX_PATH_FEATURES = 1 << 22;

/**
 * A search space of user-defined cells: `nodes` vertices in topological order (first = input,
 * last = output), each interior vertex labelled with one op of `ops`, any subset of the allowed
 * forward edges. Everything a searcher needs is derived:
 *
 * - validity: upper-triangular 0/1 matrix, known ops, only allowed edges, the input reaches the
 *   output, and at most `maxEdges` edges after pruning (`pruneCell`, NB101 semantics);
 * - `sample`: each allowed edge with probability `edgeProbability`, each op uniform, redrawn
 *   until valid (the NB101 reference sampler); throws ConfigError after 10,000 invalid draws;
 * - `mutate` (rate r, default 1): flip each allowed edge with probability r / (allowed edges)
 *   and change each interior op with probability r / (interior vertices) to a different op,
 *   retried until valid (the NB101 reference mutation); the result may equal the parent or
 *   differ only in dead vertices, as in the reference. After 5,000 invalid tries it returns an
 *   unchanged copy;
 * - `neighbours`: every valid cell one op change or one edge flip away whose hash differs from
 *   `arch` (ops first, by vertex then vocabulary order; then edges, row-major);
 * - `hash`: `cellGraphHash` of the pruned cell (isomorphism-invariant; dead vertices ignored);
 * - encodings: 'path' (binary, Σ_{L=0}^{nodes−2} k^L features, `cellPathIndices` numbering;
 *   offered only up to 4,194,304 features), 'trunc_path' (paths of ≤ `truncatedPathLength`
 *   ops, which are the first Σ_{L≤t} k^L path features), 'adjacency' (the V(V−1)/2
 *   upper-triangular edge bits row-major, then a one-hot op block per interior vertex);
 * - `serialize`: matrix rows as 0/1 strings joined by '/', ';', the labels joined by ',', e.g.
 *   `011/001/000;input,conv3x3,output`; `parse` is its inverse and validates.
 *
 * With `nodes: 7, ops: ['conv3x3-bn-relu', 'conv1x1-bn-relu', 'maxpool3x3'], maxEdges: 9` this
 * is the NAS-Bench-101 space (its path encoding has the reference's 364 / 40 features), but the
 * dedicated NB101 space keeps the byte-exact MD5 hash needed to look cells up in the table.
 *
 * Throws ConfigError for bad options (naming the option and the value received).
 */
export function createCellSpace(options: CellSpaceOptions): SearchSpace<CellArch> {
  const o = resolveCellSpaceOptions(options);
  const v = o.nodes;
  const k = o.ops.length;
  const opCode = new Map(o.ops.map((op, i) => [op, i]));
  const slots: Array<[number, number]> = [];
  for (let i = 0; i < v; i++) {
    for (let j = i + 1; j < v; j++) if (o.allowEdge(i, j)) slots.push([i, j]);
  }
  const allowed = new Set(slots.map(([i, j]) => i * v + j));
  const pathLength = pathFeatureCount(k, v - 2);
  const truncLength = pathFeatureCount(k, o.truncatedPathLength);
  const lengths: Record<string, number> = {};
  if (pathLength <= MAX_PATH_FEATURES) lengths.path = pathLength;
  lengths.trunc_path = truncLength;
  lengths.adjacency = (v * (v - 1)) / 2 + (v - 2) * k;
  const where = o.name;

  // validate: shape errors are TypeError/RangeError, constraint breaches OutOfSpaceError;
  // returns the pruned cell, so that hashing does not prune a second time
  const validatePruned = (arch: CellArch): CellGraph => {
    if (
      arch === null ||
      typeof arch !== 'object' ||
      !Array.isArray(arch.matrix) ||
      !Array.isArray(arch.ops)
    ) {
      throw new TypeError(
        `${where}.validate: expected { matrix: number[][], ops: string[] }, got ${describe(arch)}`,
      );
    }
    if (arch.matrix.length !== v) {
      throw new RangeError(
        `${where}.validate: matrix has ${arch.matrix.length} rows, the space has ${v} nodes`,
      );
    }
    if (arch.ops.length !== v) {
      throw new RangeError(
        `${where}.validate: ops has ${arch.ops.length} labels, the space has ${v} nodes`,
      );
    }
    for (let i = 0; i < v; i++) {
      const row = arch.matrix[i];
      if (!Array.isArray(row) || row.length !== v) {
        throw new RangeError(`${where}.validate: matrix row ${i} must be an array of ${v} entries`);
      }
      for (let j = 0; j < v; j++) {
        const x = row[j];
        if (x !== 0 && x !== 1)
          throw new TypeError(
            `${where}.validate: matrix[${i}][${j}] must be 0 or 1, got ${String(x)}`,
          );
        if (x === 1 && j <= i) {
          throw new OutOfSpaceError(
            `${where}.validate: edge ${i}→${j} does not go forward; the matrix must be strictly upper-triangular`,
          );
        }
        if (x === 1 && !allowed.has(i * v + j))
          throw new OutOfSpaceError(
            `${where}.validate: edge ${i}→${j} is not allowed in this space`,
          );
      }
    }
    for (let i = 0; i < v; i++) {
      if (typeof arch.ops[i] !== 'string')
        throw new TypeError(
          `${where}.validate: ops[${i}] must be a string, got ${describe(arch.ops[i])}`,
        );
    }
    if (arch.ops[0] !== CELL_INPUT)
      throw new OutOfSpaceError(
        `${where}.validate: ops[0] must be '${CELL_INPUT}', got '${arch.ops[0]}'`,
      );
    if (arch.ops[v - 1] !== CELL_OUTPUT) {
      throw new OutOfSpaceError(
        `${where}.validate: ops[${v - 1}] must be '${CELL_OUTPUT}', got '${arch.ops[v - 1]}'`,
      );
    }
    for (let i = 1; i < v - 1; i++) {
      if (!opCode.has(arch.ops[i]!)) {
        throw new OutOfSpaceError(
          `${where}.validate: unknown op '${arch.ops[i]}' at vertex ${i}; expected one of ${o.ops.join(', ')}`,
        );
      }
    }
    const pruned = pruneCell(arch);
    if (pruned === null)
      throw new OutOfSpaceError(`${where}.validate: the output cannot be reached from the input`);
    const edges = countEdges(pruned.matrix);
    if (edges > o.maxEdges)
      throw new OutOfSpaceError(
        `${where}.validate: ${edges} edges after pruning, at most ${o.maxEdges} allowed`,
      );
    return pruned;
  };
  const validate = (arch: CellArch): void => {
    validatePruned(arch);
  };
  const isValid = (arch: CellArch): boolean => {
    try {
      validate(arch);
      return true;
    } catch {
      return false;
    }
  };
  const codesOf = (arch: CellArch): number[] =>
    arch.ops.map((op, i) => (i === 0 || i === v - 1 ? 0 : opCode.get(op)!));

  const space: SearchSpace<CellArch> = {
    name: o.name,
    encodings: Object.freeze(Object.keys(lengths)),

    sample(rng: Rng): CellArch {
      for (let t = 0; t < SAMPLE_TRIES; t++) {
        const matrix = zeros(v);
        for (const [i, j] of slots) matrix[i]![j] = rng.next() < o.edgeProbability ? 1 : 0;
        const ops = [CELL_INPUT];
        for (let i = 1; i < v - 1; i++) ops.push(o.ops[rng.int(k)]!);
        ops.push(CELL_OUTPUT);
        const arch = { matrix, ops };
        if (isValid(arch)) return arch;
      }
      throw new ConfigError(
        `${where}.sample: no valid cell in ${SAMPLE_TRIES} draws; loosen maxEdges/allowEdge or raise edgeProbability`,
      );
    },

    mutate(arch: CellArch, rng: Rng, mutateOptions: MutateOptions = {}): CellArch {
      validate(arch);
      const rate = mutateOptions.rate ?? 1;
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
        throw new RangeError(`${where}.mutate: rate must be a finite number >= 0, got ${rate}`);
      }
      const pEdge = slots.length === 0 ? 0 : rate / slots.length;
      const pOp = rate / (v - 2);
      for (let t = 0; t < MUTATE_TRIES; t++) {
        // edges: flip each allowed slot; ops: change to a different op
        const matrix = arch.matrix.map((row) => row.slice());
        for (const [i, j] of slots) if (rng.next() < pEdge) matrix[i]![j] = 1 - matrix[i]![j]!;
        const ops = arch.ops.slice();
        for (let i = 1; i < v - 1; i++) {
          if (k > 1 && rng.next() < pOp) {
            const cur = opCode.get(ops[i]!)!;
            const r = rng.int(k - 1);
            ops[i] = o.ops[r >= cur ? r + 1 : r]!;
          }
        }
        const child = { matrix, ops };
        if (isValid(child)) return child;
      }
      return { matrix: arch.matrix.map((row) => row.slice()), ops: arch.ops.slice() };
    },

    neighbours(arch: CellArch): CellArch[] {
      const self = cellGraphHash(validatePruned(arch));
      const out: CellArch[] = [];
      const consider = (child: CellArch): void => {
        let pruned: CellGraph;
        try {
          pruned = validatePruned(child);
        } catch {
          return;
        }
        if (cellGraphHash(pruned) !== self) out.push(child);
      };
      for (let i = 1; i < v - 1; i++) {
        for (const op of o.ops) {
          if (op === arch.ops[i]) continue;
          const ops = arch.ops.slice();
          ops[i] = op;
          consider({ matrix: arch.matrix.map((row) => row.slice()), ops });
        }
      }
      for (const [i, j] of slots) {
        const matrix = arch.matrix.map((row) => row.slice());
        matrix[i]![j] = 1 - matrix[i]![j]!;
        consider({ matrix, ops: arch.ops.slice() });
      }
      return out;
    },

    hash(arch: CellArch): string {
      return cellGraphHash(validatePruned(arch));
    },

    isValid,
    validate,

    encodingLength(encoding: string): number {
      const n = lengths[encoding];
      if (n === undefined) throw unknownEncoding(where, encoding, Object.keys(lengths), pathLength);
      return n;
    },

    encode(arch: CellArch, encoding: string): Float32Array {
      const n = space.encodingLength(encoding);
      validate(arch);
      const x = new Float32Array(n);
      if (encoding === 'adjacency') {
        let p = 0;
        for (let i = 0; i < v; i++) for (let j = i + 1; j < v; j++) x[p++] = arch.matrix[i]![j]!;
        for (let i = 1; i < v - 1; i++) x[p + (i - 1) * k + opCode.get(arch.ops[i]!)!] = 1;
        return x;
      }
      // path / trunc_path: set the bit of each input→output path that fits
      for (const idx of cellPathIndices(arch.matrix, codesOf(arch), k)) if (idx < n) x[idx] = 1;
      return x;
    },

    serialize(arch: CellArch): string {
      validate(arch);
      return `${arch.matrix.map((row) => row.join('')).join('/')};${arch.ops.join(',')}`;
    },

    parse(text: string): CellArch {
      if (typeof text !== 'string')
        throw new TypeError(`${where}.parse: expected a string, got ${describe(text)}`);
      const parts = text.trim().split(';');
      if (parts.length !== 2) {
        throw new SyntaxError(
          `${where}.parse: expected 'ROWS;LABELS' (one ';'), got ${JSON.stringify(text)}`,
        );
      }
      const rows = parts[0]!.split('/');
      const matrix = rows.map((row, i) => {
        if (!/^[01]*$/.test(row))
          throw new SyntaxError(
            `${where}.parse: matrix row ${i} ${JSON.stringify(row)} must be 0/1 digits in ${JSON.stringify(text)}`,
          );
        return Array.from(row, Number);
      });
      const arch = { matrix, ops: parts[1]!.split(',') };
      validate(arch);
      return arch;
    },
  };
  return Object.freeze(space);
}

interface ResolvedCellSpaceOptions {
  name: string;
  nodes: number;
  ops: readonly string[];
  maxEdges: number;
  allowEdge: (from: number, to: number) => boolean;
  edgeProbability: number;
  truncatedPathLength: number;
}

function resolveCellSpaceOptions(options: CellSpaceOptions): ResolvedCellSpaceOptions {
  if (options === null || typeof options !== 'object')
    throw new ConfigError('createCellSpace: options must be an object');
  const name = options.name ?? 'cell';
  if (typeof name !== 'string' || name === '')
    throw new ConfigError(
      `createCellSpace: name must be a non-empty string, got ${describe(name)}`,
    );
  const nodes = options.nodes;
  if (!Number.isInteger(nodes) || nodes < 3 || nodes > 16) {
    throw new ConfigError(
      `createCellSpace: nodes must be an integer in 3..16 (input and output included), got ${describe(nodes)}`,
    );
  }
  const ops = options.ops;
  if (!Array.isArray(ops) || ops.length === 0)
    throw new ConfigError('createCellSpace: ops must be a non-empty array of op names');
  const seen = new Set<string>();
  for (const op of ops) {
    if (typeof op !== 'string' || op === '' || /[,;/\s]/.test(op)) {
      throw new ConfigError(
        `createCellSpace: op names must be non-empty strings without ',', ';', '/' or spaces, got ${describe(op)}`,
      );
    }
    if (op === CELL_INPUT || op === CELL_OUTPUT)
      throw new ConfigError(`createCellSpace: '${op}' is reserved for the cell's ends`);
    if (seen.has(op)) throw new ConfigError(`createCellSpace: op '${op}' is listed twice`);
    seen.add(op);
  }
  const maxEdges = options.maxEdges ?? Infinity;
  if (!(maxEdges === Infinity || (Number.isInteger(maxEdges) && maxEdges >= 1))) {
    throw new ConfigError(
      `createCellSpace: maxEdges must be a positive integer, got ${describe(maxEdges)}`,
    );
  }
  const allowEdge = options.allowEdge ?? (() => true);
  if (typeof allowEdge !== 'function')
    throw new ConfigError('createCellSpace: allowEdge must be a function (from, to) => boolean');
  const edgeProbability = options.edgeProbability ?? 0.5;
  if (typeof edgeProbability !== 'number' || !(edgeProbability > 0 && edgeProbability <= 1)) {
    throw new ConfigError(
      `createCellSpace: edgeProbability must be in (0, 1], got ${describe(edgeProbability)}`,
    );
  }
  const truncatedPathLength = options.truncatedPathLength ?? Math.min(3, nodes - 2);
  if (
    !Number.isInteger(truncatedPathLength) ||
    truncatedPathLength < 0 ||
    truncatedPathLength > nodes - 2
  ) {
    throw new ConfigError(
      `createCellSpace: truncatedPathLength must be an integer in 0..${nodes - 2}, got ${describe(truncatedPathLength)}`,
    );
  }
  if (pathFeatureCount(ops.length, truncatedPathLength) > MAX_PATH_FEATURES) {
    throw new ConfigError(
      `createCellSpace: truncatedPathLength ${truncatedPathLength} gives more than ${MAX_PATH_FEATURES} features; lower it`,
    );
  }
  return {
    name,
    nodes,
    ops: Object.freeze(ops.slice()),
    maxEdges,
    allowEdge,
    edgeProbability,
    truncatedPathLength,
  };
}

function zeros(v: number): number[][] {
  return Array.from({ length: v }, () => new Array<number>(v).fill(0));
}

function unknownEncoding(
  where: string,
  encoding: string,
  valid: string[],
  pathLength: number,
): ConfigError {
  const extra =
    encoding === 'path' ? ` ('path' would need ${pathLength} features; use 'trunc_path')` : '';
  return new ConfigError(
    `${where}.encode: unknown encoding '${encoding}'${extra}; valid: ${valid.join(', ')}`,
  );
}
