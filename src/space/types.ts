import type { Rng } from '../core/rng.js';

/** Options of `SearchSpace.mutate`. */
export interface MutateOptions {
  /** Mutation rate as the reference code defines it for this space (default 1). */
  rate?: number;
}

/**
 * One benchmark's architectures: sampling, mutation, neighbourhood, identity and encodings.
 * `A` is the space's own architecture type (an NB201 op list, an NB101 matrix + ops, ...).
 *
 * Every method is pure apart from the random draws it takes from the `Rng` it is given, and
 * none of them spends query budget.
 */
export interface SearchSpace<A> {
  /** Short id used on the CLI and in result files: 'nb201', 'nb101', 'darts', ... */
  readonly name: string;
  /** A random architecture, drawn as the reference sampler draws it. */
  sample(rng: Rng): A;
  /** A mutated copy (the argument is never modified); may equal the parent when the reference allows it. */
  mutate(arch: A, rng: Rng, options?: MutateOptions): A;
  /** The local-search neighbourhood in a fixed order (callers shuffle). */
  neighbours(arch: A): A[];
  /** Identity key: two architectures are the same cell exactly when their hashes are equal. */
  hash(arch: A): string;
  /** Boolean twin of `validate`. */
  isValid(arch: A): boolean;
  /** Throws a TypeError/RangeError for a malformed value, OutOfSpaceError for a well-formed one outside the space. */
  validate(arch: A): void;
  /** Names of the encodings `encode` accepts. */
  readonly encodings: readonly string[];
  /** Feature count of an encoding; throws for an unknown name. */
  encodingLength(encoding: string): number;
  /** Fixed-length feature vector of `arch` under `encoding`. */
  encode(arch: A, encoding: string): Float32Array;
  /** Canonical text form (e.g. the NB201 arch string); `parse(serialize(a))` has the same hash as `a`. */
  serialize(arch: A): string;
  /** Inverse of `serialize`; throws a clear error on malformed text. */
  parse(text: string): A;
}
