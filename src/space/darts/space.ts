import { ConfigError, OutOfSpaceError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { describe } from '../generic/describe.js';
import type { MutateOptions, SearchSpace } from '../types.js';
import {
  DARTS_CELLS,
  DARTS_EDGES,
  DARTS_NODES,
  DARTS_OPS,
  NB301_OPS,
  type DartsArch,
  type DartsCell,
  type DartsEdge,
} from './constants.js';
import { dartsAdjacencyEncoding, dartsPathIndices, dartsPathLength } from './encodings.js';

/**
 * How a DARTS space identifies architectures:
 * - 'genotype' (default, R2 `Nasbench301.get_hash`): the exact edge lists, so swapping the two
 *   edges of a node gives a different hash;
 * - 'canonical': the edge lists with each node's two edges sorted, so two cells that compute the
 *   same function by the sum of the same two edges hash alike (a fix, not in the references);
 * - 'paths' (R1 `data.get_hash`): the tuple of path indices in enumeration order; distinct cells
 *   with the same paths collide (as in R1).
 */
export type DartsHash = 'genotype' | 'canonical' | 'paths';

/** Options of `createDartsSpace`. */
export interface DartsSpaceOptions {
  /** Id (default 'darts' with `DARTS_OPS`, 'nb301' with `NB301_OPS`, else 'darts'). */
  name?: string;
  /** Op vocabulary; positions are the op codes of the encodings (default `DARTS_OPS`, 8 ops). */
  ops?: readonly string[];
  /** Identity rule (default 'genotype'). */
  hash?: DartsHash;
}

/** A DARTS search space with its op vocabulary exposed. */
export interface DartsSpace extends SearchSpace<DartsArch> {
  readonly ops: readonly string[];
}

/**
 * The DARTS search space of BANANAS (R1 `darts/arch.py`, REFERENCE §2.8), or the NAS-Bench-301
 * variant with `ops: NB301_OPS`.
 *
 * - `sample` (R1 `random_arch`): for each intermediate node 0..3 in turn, draw 4 ops uniformly
 *   (two for the normal cell, two for the reduction cell), then for the normal cell and then for
 *   the reduction cell two distinct input nodes uniformly among the node's i + 2 predecessors.
 * - `mutate` (R1 `mutate(edits)`; `rate` = number of edits, truncated to an integer, default 1):
 *   each edit draws a cell, one of its 8 edges and a coin; heads sets the edge's op to a uniform
 *   op (possibly the same one), tails draws a uniform input among the node's predecessors and
 *   applies it unless it equals the sibling edge's input. An edit can thus be a no-op, as in the
 *   reference. R2's NB301 version draws the edge with `len(OPS)` = 7 and so never mutates the
 *   last edge of a cell; we always draw among all 8 edges.
 * - `neighbours` (R2 `get_neighborhood`, unshuffled): per cell and edge, every other op, then
 *   every other input that is not the sibling's input (8 ops: 2·8·7 + 2·12 = 136 neighbours).
 * - encodings: 'path' (18,724 features with 8 ops, 11,204 with 7), 'trunc_path' (R1
 *   `long_paths=False`: 2,344 with 8 ops, 1,604 with 7), 'adjacency' (R2 `encode_adj`, 114); see
 *   `dartsPathIndices`. R1's runner instead truncates by slicing the first `cutoff` features and
 *   R2's NB301 default slices 100; use 'path' and slice for those.
 * - `serialize`: `normal:op~input,…(8);reduce:op~input,…(8)`; `parse` accepts surrounding
 *   whitespace and validates.
 * - `validate`: TypeError/RangeError for a malformed value (not two 8-edge lists of [op, input]
 *   with a string op and a non-negative integer input); OutOfSpaceError for an op outside the
 *   vocabulary ('none' in NB301), an input not before its node, or a node whose two edges read
 *   the same input (the sampler and DARTS's derivation never produce one).
 *
 * Throws ConfigError for an empty or repeated op vocabulary or an unknown hash rule.
 */
export function createDartsSpace(options: DartsSpaceOptions = {}): DartsSpace {
  const ops = options.ops ?? DARTS_OPS;
  if (
    !Array.isArray(ops) ||
    ops.length < 1 ||
    ops.some((op) => typeof op !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(op))
  ) {
    throw new ConfigError(
      'createDartsSpace: ops must be a non-empty array of op names (letters, digits, _ . -)',
    );
  }
  if (new Set(ops).size !== ops.length)
    throw new ConfigError('createDartsSpace: an op is listed twice');
  const sameOps = (a: readonly string[]): boolean =>
    a.length === ops.length && a.every((x, i) => x === ops[i]);
  const name = options.name ?? (sameOps(NB301_OPS) ? 'nb301' : 'darts');
  const hashRule = options.hash ?? 'genotype';
  if (!['genotype', 'canonical', 'paths'].includes(hashRule)) {
    throw new ConfigError(
      `createDartsSpace: unknown hash '${String(hashRule)}'; valid: genotype, canonical, paths`,
    );
  }
  const k = ops.length;
  const code = new Map(ops.map((op, i) => [op, i]));
  const codeOf = (op: string): number => code.get(op)!;
  const lengths: Record<string, number> = {
    path: dartsPathLength(k, false),
    trunc_path: dartsPathLength(k, true),
    adjacency: 2 * (49 + DARTS_EDGES),
  };

  const validate = (arch: DartsArch): void => {
    if (arch === null || typeof arch !== 'object')
      throw new TypeError(`${name}.validate: expected { normal, reduce }, got ${describe(arch)}`);
    for (const cellName of DARTS_CELLS) {
      const cell = arch[cellName];
      if (!Array.isArray(cell))
        throw new TypeError(
          `${name}.validate: ${cellName} must be an array of [op, input] edges, got ${describe(cell)}`,
        );
      if (cell.length !== DARTS_EDGES)
        throw new RangeError(
          `${name}.validate: ${cellName} has ${cell.length} edges, expected ${DARTS_EDGES}`,
        );
      for (let e = 0; e < DARTS_EDGES; e++) {
        const edge = cell[e] as unknown;
        const at = `${cellName}[${e}]`;
        if (!Array.isArray(edge) || edge.length !== 2)
          throw new TypeError(`${name}.validate: ${at} must be [op, input], got ${describe(edge)}`);
        const [op, input] = edge as [unknown, unknown];
        if (typeof op !== 'string')
          throw new TypeError(`${name}.validate: ${at} op must be a string, got ${describe(op)}`);
        if (typeof input !== 'number' || !Number.isInteger(input) || input < 0) {
          throw new TypeError(
            `${name}.validate: ${at} input must be a non-negative integer, got ${describe(input)}`,
          );
        }
        if (!code.has(op))
          throw new OutOfSpaceError(
            `${name}.validate: ${at} op '${op}' is not one of ${ops.join(', ')}`,
          );
        const node = (e >> 1) + 2;
        if (input >= node)
          throw new OutOfSpaceError(
            `${name}.validate: ${at} feeds node ${node} from node ${input}; inputs must be < ${node}`,
          );
      }
      for (let n = 0; n < DARTS_NODES; n++) {
        if (cell[2 * n]![1] === cell[2 * n + 1]![1]) {
          throw new OutOfSpaceError(
            `${name}.validate: both edges of ${cellName} node ${n + 2} read node ${cell[2 * n]![1]}; they must differ`,
          );
        }
      }
    }
  };
  const isValid = (arch: DartsArch): boolean => {
    try {
      validate(arch);
      return true;
    } catch {
      return false;
    }
  };
  const text = (arch: DartsArch): string =>
    DARTS_CELLS.map((c) => `${c}:${arch[c].map(([op, input]) => `${op}~${input}`).join(',')}`).join(
      ';',
    );
  const copy = (arch: DartsArch): { normal: DartsEdge[]; reduce: DartsEdge[] } => ({
    normal: arch.normal.map(([op, input]) => [op, input] as const),
    reduce: arch.reduce.map(([op, input]) => [op, input] as const),
  });

  const space: DartsSpace = {
    name,
    ops: Object.freeze(ops.slice()),
    encodings: Object.freeze(Object.keys(lengths)),

    sample(rng: Rng): DartsArch {
      const normal: DartsEdge[] = [];
      const reduce: DartsEdge[] = [];
      for (let i = 0; i < DARTS_NODES; i++) {
        const drawn = [rng.int(k), rng.int(k), rng.int(k), rng.int(k)];
        const [a, b] = twoDistinct(rng, i + 2);
        const [c, d] = twoDistinct(rng, i + 2);
        normal.push([ops[drawn[0]!]!, a], [ops[drawn[1]!]!, b]);
        reduce.push([ops[drawn[2]!]!, c], [ops[drawn[3]!]!, d]);
      }
      return { normal, reduce };
    },

    mutate(arch: DartsArch, rng: Rng, mutateOptions: MutateOptions = {}): DartsArch {
      validate(arch);
      const rate = mutateOptions.rate ?? 1;
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
        throw new RangeError(
          `${name}.mutate: rate (number of edits) must be a finite number >= 0, got ${rate}`,
        );
      }
      const child = copy(arch);
      for (let t = 0; t < Math.trunc(rate); t++) {
        const cell = child[DARTS_CELLS[rng.int(2)]!];
        const e = rng.int(DARTS_EDGES);
        if (rng.int(2) === 1) {
          cell[e] = [ops[rng.int(k)]!, cell[e]![1]];
        } else {
          const choice = rng.int((e >> 1) + 2);
          if (cell[e ^ 1]![1] !== choice) cell[e] = [cell[e]![0], choice];
        }
      }
      return child;
    },

    neighbours(arch: DartsArch): DartsArch[] {
      validate(arch);
      const out: DartsArch[] = [];
      for (const cellName of DARTS_CELLS) {
        for (let e = 0; e < DARTS_EDGES; e++) {
          const [op, input] = arch[cellName][e]!;
          for (const other of ops) {
            if (other === op) continue;
            const next = copy(arch);
            next[cellName][e] = [other, input];
            out.push(next);
          }
          for (let m = 0; m < (e >> 1) + 2; m++) {
            if (m === input || m === arch[cellName][e ^ 1]![1]) continue;
            const next = copy(arch);
            next[cellName][e] = [op, m];
            out.push(next);
          }
        }
      }
      return out;
    },

    hash(arch: DartsArch): string {
      validate(arch);
      if (hashRule === 'paths') return dartsPathIndices(arch, codeOf, k, false).join(',');
      if (hashRule === 'genotype') return text(arch);
      const sorted = (cell: DartsCell): DartsEdge[] => {
        const out: DartsEdge[] = [];
        for (let n = 0; n < DARTS_NODES; n++) {
          const pair = [cell[2 * n]!, cell[2 * n + 1]!];
          pair.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
          out.push(...pair);
        }
        return out;
      };
      return text({ normal: sorted(arch.normal), reduce: sorted(arch.reduce) });
    },

    isValid,
    validate,

    encodingLength(encoding: string): number {
      const n = lengths[encoding];
      if (n === undefined)
        throw new ConfigError(
          `${name}.encode: unknown encoding '${encoding}'; valid: ${Object.keys(lengths).join(', ')}`,
        );
      return n;
    },

    encode(arch: DartsArch, encoding: string): Float32Array {
      const n = space.encodingLength(encoding);
      validate(arch);
      if (encoding === 'adjacency') return dartsAdjacencyEncoding(arch, codeOf);
      const x = new Float32Array(n);
      for (const i of dartsPathIndices(arch, codeOf, k, encoding === 'trunc_path')) x[i] = 1;
      return x;
    },

    serialize(arch: DartsArch): string {
      validate(arch);
      return text(arch);
    },

    parse(input: string): DartsArch {
      if (typeof input !== 'string')
        throw new TypeError(`${name}.parse: expected a string, got ${describe(input)}`);
      const fail = (problem: string): never => {
        throw new SyntaxError(`${name}.parse: ${problem} in ${JSON.stringify(input)}`);
      };
      const parts = input.trim().split(';');
      if (parts.length !== 2)
        fail(`expected 'normal:…;reduce:…' (one ';'), found ${parts.length} part(s)`);
      const cells: Record<string, DartsEdge[]> = {};
      parts.forEach((part, c) => {
        const want = DARTS_CELLS[c]!;
        const colon = part.indexOf(':');
        if (colon < 0 || part.slice(0, colon).trim() !== want)
          fail(`part ${c + 1} must start with '${want}:'`);
        cells[want] = part
          .slice(colon + 1)
          .split(',')
          .map((token) => {
            const m = /^\s*([^~\s]+)~([0-9]+)\s*$/.exec(token);
            if (m === null) return fail(`token ${JSON.stringify(token)} is not 'op~input'`);
            return [m[1]!, Number(m[2])] as const;
          });
      });
      const arch = { normal: cells.normal!, reduce: cells.reduce! };
      validate(arch);
      return arch;
    },
  };
  return Object.freeze(space);
}

/** Two distinct integers of [0, n), in draw order (numpy `choice(n, 2, replace=False)` semantics). */
function twoDistinct(rng: Rng, n: number): [number, number] {
  const a = rng.int(n);
  const b = rng.int(n - 1);
  return [a, b >= a ? b + 1 : b];
}

/** The BANANAS DARTS space: 8 ops with 'none' (R1), genotype hash; 18,724 / 2,344 path features. */
export const dartsSpace: DartsSpace = createDartsSpace();

/** The NAS-Bench-301 variant: the 7 ops without 'none' (R2, the shared NB301 genotypes); 11,204 / 1,604 path features. */
export const nb301Space: DartsSpace = createDartsSpace({ ops: NB301_OPS });
