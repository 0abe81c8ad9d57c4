import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ConfigError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { createDistance, featureDistance } from '../../src/gp/distances.js';
import { nb101Space } from '../../src/space/nasbench101/space.js';
import { nb201Space, type Nb201Arch } from '../../src/space/nasbench201/space.js';
import { expectThrows, FC_SEED } from '../helpers.js';

function d<A>(space: Parameters<typeof createDistance<A>>[0], name: string, a: A, b: A): number {
  const dist = createDistance(space, name);
  return featureDistance(dist.featurize(a), dist.featurize(b), dist.categorical);
}

const C3 = 'nor_conv_3x3';
const SK = 'skip_connect';
const allC3: Nb201Arch = [C3, C3, C3, C3, C3, C3];
const half: Nb201Arch = [C3, C3, C3, SK, SK, SK];

test('NB201 distances on a worked pair', () => {
  // 3 edges differ → adj 3. Op counts: conv3x3 6 vs 3, skip 0 vs 3 → L1 6; nasbot = 6 + 3 = 9.
  // Paths (REFERENCE §1.6 worked example): half → {4, 27, 142}; all-c3 → paths [c3] → 2,
  // [c3,c3] → 5 + 2 + 2·5 = 17, [c3,c3,c3] → 30 + 2 + 10 + 50 = 92 → {2, 17, 92}: Hamming 6.
  // Truncated to 30: {4, 27} vs {2, 17} → 4.
  assert.is(d(nb201Space, 'adj', allC3, half), 3);
  assert.is(d(nb201Space, 'edit', allC3, half), 3);
  assert.is(d(nb201Space, 'nasbot', allC3, half), 9);
  assert.is(d(nb201Space, 'path', allC3, half), 6);
  assert.is(d(nb201Space, 'trunc_path', allC3, half), 4);
});

test('every distance is a metric-like L1: zero on itself, symmetric, triangle inequality (property)', () => {
  const rng = new Rng(11);
  const cells = Array.from({ length: 30 }, () => nb201Space.sample(rng));
  const cells101 = Array.from({ length: 12 }, () => nb101Space.sample(rng));
  fc.assert(
    fc.property(
      fc.nat(29),
      fc.nat(29),
      fc.nat(29),
      fc.constantFrom('adj', 'nasbot', 'path', 'trunc_path'),
      (i, j, k, name) => {
        const a = cells[i]!,
          b = cells[j]!,
          c = cells[k]!;
        const ok201 =
          d(nb201Space, name, a, a) === 0 &&
          d(nb201Space, name, a, b) === d(nb201Space, name, b, a) &&
          d(nb201Space, name, a, c) <= d(nb201Space, name, a, b) + d(nb201Space, name, b, c);
        const x = cells101[i % 12]!,
          y = cells101[j % 12]!,
          z = cells101[k % 12]!;
        const ok101 =
          d(nb101Space, name, x, x) === 0 &&
          d(nb101Space, name, x, y) === d(nb101Space, name, y, x) &&
          d(nb101Space, name, x, z) <= d(nb101Space, name, x, y) + d(nb101Space, name, y, z);
        return ok201 && ok101;
      },
    ),
    { seed: FC_SEED, numRuns: 200 },
  );
});

test('NB101 edit and nasbot distances on worked cells', () => {
  // chain input → conv3x3 → conv3x3 → output, padded to 7 (fillers conv3x3, no edges)
  const chain = {
    matrix: [
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ],
    ops: ['input', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'output'],
  };
  const chainMp = { ...chain, ops: ['input', 'conv3x3-bn-relu', 'maxpool3x3', 'output'] };
  // one op differs: edit 1; op counts (conv3x3 5 vs 4, maxpool 0 vs 1) → nasbot 2
  assert.is(d(nb101Space, 'edit', chain, chainMp), 1);
  assert.is(d(nb101Space, 'nasbot', chain, chainMp), 2);
  // add the skip edge input → output: one more upper-triangular entry; in-degree of the output
  // 1 → 2 and out-degree of the input 1 → 2 → nasbot 2
  const skip = {
    ...chain,
    matrix: [
      [0, 1, 0, 1],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ],
  };
  assert.is(d(nb101Space, 'edit', chain, skip), 1);
  assert.is(d(nb101Space, 'nasbot', chain, skip), 2);
});

test('B12: a pruned 5-vertex cell and its 7×7 padded form are at distance 0', () => {
  const small = {
    matrix: [
      [0, 1, 1, 1, 1],
      [0, 0, 0, 1, 1],
      [0, 0, 0, 1, 1],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ],
    ops: ['input', 'maxpool3x3', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'output'],
  };
  const padded = {
    matrix: [
      [0, 1, 1, 1, 0, 0, 1],
      [0, 0, 0, 1, 0, 0, 1],
      [0, 0, 0, 1, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    ops: [
      'input',
      'maxpool3x3',
      'conv3x3-bn-relu',
      'conv3x3-bn-relu',
      'conv3x3-bn-relu',
      'conv3x3-bn-relu',
      'output',
    ],
  };
  for (const name of ['adj', 'nasbot', 'path', 'trunc_path'])
    assert.is(d(nb101Space, name, small, padded), 0, name);
});

test('an unknown distance fails with the valid names', () => {
  expectThrows(
    () => createDistance(nb201Space, 'cosine'),
    ConfigError,
    /unknown distance 'cosine' for space 'nb201'; valid: adj, edit, path, trunc_path, nasbot/,
  );
});

test.run();
