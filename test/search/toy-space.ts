import { OutOfSpaceError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/rng.js';
import type { SearchSpace } from '../../src/space/types.js';

/**
 * A ring of `size` integer architectures for optimiser tests: mutate moves one step left or
 * right, the encoding is one-hot. Small enough to exhaust.
 */
export function ringSpace(size: number): SearchSpace<number> {
  const check = (a: number): void => {
    if (!Number.isInteger(a)) throw new TypeError(`ring: ${a} is not an integer`);
    if (a < 0 || a >= size) throw new OutOfSpaceError(`ring: ${a} outside 0..${size - 1}`);
  };
  return {
    name: 'ring',
    sample: (rng: Rng) => rng.int(size),
    mutate: (a: number, rng: Rng) => (a + (rng.bernoulli(0.5) ? 1 : size - 1)) % size,
    neighbours: (a: number) => [(a + 1) % size, (a + size - 1) % size],
    hash: (a: number) => String(a),
    isValid: (a: number) => Number.isInteger(a) && a >= 0 && a < size,
    validate: check,
    encodings: ['onehot'],
    encodingLength: () => size,
    encode: (a: number) => {
      const x = new Float32Array(size);
      x[a] = 1;
      return x;
    },
    serialize: (a: number) => String(a),
    parse: (t: string) => {
      const a = Number(t);
      check(a);
      return a;
    },
  };
}
