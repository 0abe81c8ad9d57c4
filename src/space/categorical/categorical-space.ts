import { ConfigError, OutOfSpaceError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { describe } from '../generic/describe.js';
import type { MutateOptions, SearchSpace } from '../types.js';

/** A value one categorical choice can take. */
export type CategoricalValue = string | number | boolean;

/** The choices of a categorical space: dimension name → its allowed values (in encoding order). */
export type CategoricalChoices = Readonly<Record<string, readonly CategoricalValue[]>>;

/** An architecture of the space built from `C`: one allowed value per dimension. */
export type CategoricalArch<C extends CategoricalChoices> = {
  readonly [K in keyof C]: C[K][number];
};

/** A categorical search space, with its dimensions and size exposed. */
export interface CategoricalSpace<A> extends SearchSpace<A> {
  /** The dimensions in encoding order (the key order of the `choices` object). */
  readonly dimensions: readonly {
    readonly name: string;
    readonly values: readonly CategoricalValue[];
  }[];
  /** Number of distinct architectures: the product of the value counts. */
  readonly size: number;
}

/** Options of `createCategoricalSpace`. */
export interface CategoricalSpaceOptions {
  /** Id used in result files (default 'categorical'). */
  name?: string;
}

/**
 * A plain categorical space: a vector of named choices, each taking one value from its list,
 * e.g. `createCategoricalSpace({ layers: [2, 4, 8], act: ['relu', 'gelu'], bn: [true, false] })`.
 * An architecture is an object with one value per name, e.g. `{ layers: 4, act: 'relu', bn: true }`.
 *
 * - `sample`: each dimension uniform (one `rng.int` per dimension, in order).
 * - `mutate` (rate r, default 1): each dimension that has ≥ 2 values changes with probability
 *   r / (number of such dimensions) to a uniformly chosen different value; when the coin flips
 *   change nothing, one such dimension, chosen uniformly, changes instead, so a mutation always
 *   differs from its parent (unlike the NB201 reference mutation, which may be a no-op: a
 *   categorical user space has no benchmark to be faithful to, and a no-op wastes a candidate).
 *   With no dimension of ≥ 2 values it returns a copy.
 * - `neighbours`: every architecture differing in one dimension (dimension order, value order).
 * - `hash` = `serialize`: the JSON object with the dimensions in order,
 *   e.g. `{"layers":4,"act":"relu","bn":true}`; `parse` accepts any key order and validates.
 * - encodings: 'onehot' (Σ value counts; one block per dimension), 'ordinal' (one feature per
 *   dimension: value position / (count − 1), 0 for a single-valued dimension).
 * - `validate`: TypeError for a non-object or a value of the wrong kind, RangeError for a
 *   missing or extra key, OutOfSpaceError for a value not in the dimension's list.
 *
 * Throws ConfigError for an empty choice object, an empty value list, a repeated value, or a
 * value that is not a string, finite number or boolean.
 */
export function createCategoricalSpace<const C extends CategoricalChoices>(
  choices: C,
  options: CategoricalSpaceOptions = {},
): CategoricalSpace<CategoricalArch<C>> {
  type A = CategoricalArch<C>;
  const name = options.name ?? 'categorical';
  if (typeof name !== 'string' || name === '')
    throw new ConfigError(`createCategoricalSpace: name must be a non-empty string`);
  const dims = resolveDimensions(choices);
  const mutable = dims.map((_, i) => i).filter((i) => dims[i]!.values.length >= 2);
  const offsets: number[] = [];
  let onehotLength = 0;
  for (const d of dims) {
    offsets.push(onehotLength);
    onehotLength += d.values.length;
  }
  const lengths: Record<string, number> = { onehot: onehotLength, ordinal: dims.length };
  const keys = new Set(dims.map((d) => d.name));

  // position of each dimension's value, or an error naming the problem
  const positions = (arch: A, api: string): number[] => {
    if (arch === null || typeof arch !== 'object' || Array.isArray(arch)) {
      throw new TypeError(
        `${name}.${api}: expected an object with keys ${[...keys].join(', ')}, got ${describe(arch)}`,
      );
    }
    for (const key of Object.keys(arch)) {
      if (!keys.has(key))
        throw new RangeError(
          `${name}.${api}: unknown dimension '${key}'; expected ${[...keys].join(', ')}`,
        );
    }
    return dims.map((d) => {
      if (!Object.prototype.hasOwnProperty.call(arch, d.name))
        throw new RangeError(`${name}.${api}: missing dimension '${d.name}'`);
      const x = (arch as Record<string, unknown>)[d.name];
      if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') {
        throw new TypeError(
          `${name}.${api}: '${d.name}' must be a string, number or boolean, got ${describe(x)}`,
        );
      }
      const p = d.values.indexOf(x);
      if (p < 0) {
        throw new OutOfSpaceError(
          `${name}.${api}: '${d.name}' = ${JSON.stringify(x)} is not one of ${JSON.stringify(d.values)}`,
        );
      }
      return p;
    });
  };
  const build = (pos: readonly number[]): A => {
    const out: Record<string, CategoricalValue> = {};
    dims.forEach((d, i) => (out[d.name] = d.values[pos[i]!]!));
    return out as A;
  };
  const serializeTrusted = (pos: readonly number[]): string => JSON.stringify(build(pos));
  const validate = (arch: A): void => void positions(arch, 'validate');

  const space: CategoricalSpace<A> = {
    name,
    dimensions: Object.freeze(dims.map((d) => Object.freeze({ name: d.name, values: d.values }))),
    size: dims.reduce((s, d) => s * d.values.length, 1),
    encodings: Object.freeze(Object.keys(lengths)),

    sample(rng: Rng): A {
      return build(dims.map((d) => rng.int(d.values.length)));
    },

    mutate(arch: A, rng: Rng, mutateOptions: MutateOptions = {}): A {
      const pos = positions(arch, 'mutate');
      const rate = mutateOptions.rate ?? 1;
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
        throw new RangeError(`${name}.mutate: rate must be a finite number >= 0, got ${rate}`);
      }
      if (mutable.length === 0) return build(pos);
      const change = (i: number): void => {
        const r = rng.int(dims[i]!.values.length - 1);
        pos[i] = r >= pos[i]! ? r + 1 : r;
      };
      const p = rate / mutable.length;
      let changed = false;
      for (const i of mutable) {
        if (rng.next() < p) {
          change(i);
          changed = true;
        }
      }
      if (!changed) change(rng.pick(mutable));
      return build(pos);
    },

    neighbours(arch: A): A[] {
      const pos = positions(arch, 'neighbours');
      const out: A[] = [];
      dims.forEach((d, i) => {
        for (let p = 0; p < d.values.length; p++) {
          if (p === pos[i]) continue;
          const next = pos.slice();
          next[i] = p;
          out.push(build(next));
        }
      });
      return out;
    },

    hash(arch: A): string {
      return serializeTrusted(positions(arch, 'hash'));
    },

    isValid(arch: A): boolean {
      try {
        validate(arch);
        return true;
      } catch {
        return false;
      }
    },

    validate,

    encodingLength(encoding: string): number {
      const n = lengths[encoding];
      if (n === undefined) {
        throw new ConfigError(
          `${name}.encode: unknown encoding '${encoding}'; valid: ${Object.keys(lengths).join(', ')}`,
        );
      }
      return n;
    },

    encode(arch: A, encoding: string): Float32Array {
      const n = space.encodingLength(encoding);
      const pos = positions(arch, 'encode');
      const x = new Float32Array(n);
      dims.forEach((d, i) => {
        if (encoding === 'onehot') x[offsets[i]! + pos[i]!] = 1;
        else x[i] = d.values.length > 1 ? pos[i]! / (d.values.length - 1) : 0;
      });
      return x;
    },

    serialize(arch: A): string {
      return serializeTrusted(positions(arch, 'serialize'));
    },

    parse(text: string): A {
      if (typeof text !== 'string')
        throw new TypeError(`${name}.parse: expected a string, got ${describe(text)}`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new SyntaxError(
          `${name}.parse: not JSON (${(e as Error).message}): ${describe(text)}`,
        );
      }
      return build(positions(value as A, 'parse'));
    },
  };
  return Object.freeze(space);
}

interface Dimension {
  name: string;
  values: readonly CategoricalValue[];
}

function resolveDimensions(choices: CategoricalChoices): Dimension[] {
  if (choices === null || typeof choices !== 'object' || Array.isArray(choices)) {
    throw new ConfigError('createCategoricalSpace: choices must be an object { name: [values…] }');
  }
  const dims: Dimension[] = [];
  for (const [key, values] of Object.entries(choices)) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new ConfigError(
        `createCategoricalSpace: '${key}' needs a non-empty array of values, got ${describe(values)}`,
      );
    }
    for (const x of values) {
      const ok =
        typeof x === 'string' ||
        typeof x === 'boolean' ||
        (typeof x === 'number' && Number.isFinite(x));
      if (!ok)
        throw new ConfigError(
          `createCategoricalSpace: '${key}' has ${describe(x)}; values must be strings, finite numbers or booleans`,
        );
    }
    if (new Set(values).size !== values.length)
      throw new ConfigError(`createCategoricalSpace: '${key}' lists a value twice`);
    dims.push({ name: key, values: Object.freeze(values.slice()) });
  }
  if (dims.length === 0)
    throw new ConfigError('createCategoricalSpace: choices must have at least one dimension');
  return dims;
}
