import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDataDir } from '../../src/bench/data-path.js';
import { loadNb201 } from '../../src/bench/loaders/nasbench201.js';
import { createNb201Oracle } from '../../src/bench/nasbench201-oracle.js';
import { ConfigError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import type { Ensemble, EnsembleTrainer } from '../../src/nn/types.js';
import { buildCandidates, createBananas } from '../../src/search/bananas.js';
import { nb201Space } from '../../src/space/nasbench201/space.js';
import type { Nb201Arch } from '../../src/space/nasbench201/constants.js';
import { ringSpace } from './toy-space.js';

/** A stand-in ensemble: member m predicts the input's first-bit sum plus m/10; fast and deterministic. */
const fakeTrainer: EnsembleTrainer = async (data, options): Promise<Ensemble> => ({
  size: options.size,
  predict(x: Float32Array, rows: number): Float64Array[] {
    return Array.from({ length: options.size }, (_, m) => {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let j = 0; j < data.cols; j++) s += x[i * data.cols + j]! * (j % 7);
        out[i] = s + m / 10;
      }
      return out;
    });
  },
});

const table = loadNb201(resolveDataDir());
const oracle = createNb201Oracle(table, 'cifar100');

async function drive(seed: number, budget: number, trainer = fakeTrainer): Promise<string[]> {
  const opt = createBananas<Nb201Arch>({ space: nb201Space, rng: new Rng(seed) }, {}, { trainer });
  const asked: string[] = [];
  while (asked.length < budget) {
    const batch = await opt.ask(budget - asked.length);
    if (batch.length === 0) break;
    for (const a of batch) {
      asked.push(nb201Space.hash(a));
      opt.tell(a, oracle.peek(a).valError);
    }
  }
  return asked;
}

test('asks 10 random architectures first, then batches of 10, up to the budget', async () => {
  const opt = createBananas<Nb201Arch>(
    { space: nb201Space, rng: new Rng(1) },
    {},
    { trainer: fakeTrainer },
  );
  const sizes: number[] = [];
  let left = 35;
  while (left > 0) {
    const b = await opt.ask(left);
    sizes.push(b.length);
    for (const a of b) opt.tell(a, oracle.peek(a).valError);
    left -= b.length;
  }
  assert.equal(sizes, [10, 10, 10, 5]);
});

test('never proposes an architecture twice in a 150-query trial (hash de-duplication)', async () => {
  const asked = await drive(3, 150);
  assert.is(asked.length, 150);
  assert.is(new Set(asked).size, 150);
});

test('the same seed gives the same proposals; another seed differs', async () => {
  const a = await drive(7, 40);
  const b = await drive(7, 40);
  const c = await drive(8, 40);
  assert.equal(a, b);
  assert.not.equal(a, c);
});

test('B29: with every one-edge neighbour of the best cell queried, the pool holds no queried or repeated cell', () => {
  // best = all nor_conv_3x3 (val error lowest); all 24 neighbours told with worse errors
  const best: Nb201Arch = Array(6).fill('nor_conv_3x3');
  const told = [
    { arch: best, valError: 1 },
    ...nb201Space.neighbours(best).map((arch) => ({ arch, valError: 50 })),
  ];
  const seen = new Set(told.map((t) => nb201Space.hash(t.arch)));
  const pool = buildCandidates(nb201Space, new Rng(5), told, seen, {
    acqOptimizer: 'mutation',
    candidates: 100,
    archesToMutate: 1,
    patienceFactor: 5,
    maxMutationRate: 1,
  });
  const hashes = pool.map((a) => nb201Space.hash(a));
  assert.ok(pool.length >= 100, `pool of ${pool.length}: the next parents fill it up`);
  assert.is(new Set(hashes).size, hashes.length, 'no duplicates');
  assert.ok(
    hashes.every((h) => !seen.has(h)),
    'no queried cell',
  );
});

test('B29 fallback: when mutation finds nothing new, BANANAS proposes random unseen cells', async () => {
  // ring of 30: after 10 random queries, mutate only reaches ±1 neighbours of the 5 best
  const space = ringSpace(30);
  const opt = createBananas<number>(
    { space, rng: new Rng(2) },
    { batchSize: 10, encoding: 'onehot' },
    { trainer: fakeTrainer },
  );
  const asked: number[] = [];
  for (let round = 0; round < 3; round++) {
    const b = await opt.ask(30 - asked.length);
    for (const a of b) {
      asked.push(a);
      opt.tell(a, a);
    }
  }
  assert.is(new Set(asked).size, asked.length, 'no repeats');
  assert.ok(asked.length >= 25, `asked ${asked.length} of 30 distinct cells`);
});

test('random candidates: patienceFactor × candidates draws at most, stopping at 2 × candidates', () => {
  const rng = new Rng(4);
  const told = [{ arch: nb201Space.sample(rng), valError: 30 }];
  const few = buildCandidates(nb201Space, rng, told, new Set(), {
    acqOptimizer: 'random',
    candidates: 100,
    archesToMutate: 1,
    patienceFactor: 1,
    maxMutationRate: 1,
  });
  assert.ok(few.length <= 100, `${few.length} from 100 draws`);
  const many = buildCandidates(nb201Space, rng, told, new Set(), {
    acqOptimizer: 'random',
    candidates: 100,
    archesToMutate: 1,
    patienceFactor: 5,
    maxMutationRate: 1,
  });
  assert.is(many.length, 200);
});

test('mutation pool can exceed the target: the size check runs between parents, as in the reference', () => {
  const space = nb201Space;
  const rng = new Rng(9);
  const told = Array.from({ length: 10 }, () => ({
    arch: space.sample(rng),
    valError: rng.uniform(20, 40),
  }));
  const seen = new Set(told.map((t) => space.hash(t.arch)));
  const pool = buildCandidates(space, rng, told, seen, {
    acqOptimizer: 'mutation',
    candidates: 100,
    archesToMutate: 1,
    patienceFactor: 5,
    maxMutationRate: 1,
  });
  // each NB201 parent gives ~50–80 new strings per 100 mutations (REFERENCE §1.7), so two parents are needed
  assert.ok(pool.length > 100 && pool.length < 200, `pool ${pool.length}`);
});

test('rejects an unknown encoding, acquisition or a zero batch with ConfigError naming it', () => {
  const ctx = { space: nb201Space, rng: new Rng(0) };
  assert.throws(
    () => createBananas(ctx, { encoding: 'gcn' }),
    (e: Error) => e instanceof ConfigError && /gcn/.test(e.message) && /trunc_path/.test(e.message),
  );
  assert.throws(
    () => createBananas(ctx, { acquisition: 'xyz' as never }),
    (e: Error) => e instanceof ConfigError && /xyz/.test(e.message),
  );
  assert.throws(
    () => createBananas(ctx, { batchSize: 0 }),
    (e: Error) => e instanceof ConfigError && /batchSize/.test(e.message),
  );
});

test('tell rejects a non-finite validation error', () => {
  const opt = createBananas<Nb201Arch>(
    { space: nb201Space, rng: new Rng(0) },
    {},
    { trainer: fakeTrainer },
  );
  assert.throws(() => opt.tell(Array(6).fill('none'), NaN), /finite/);
});

test('each round trains a fresh ensemble on every cell told so far: 10, 20, …, 140 rows of 30 features', async () => {
  // spy on the trainer: the reference loop fits at 20, 30, …, 150 queries (REFERENCE §1.1)
  const rows: number[] = [];
  const spy: EnsembleTrainer = async (data, options, rng) => {
    rows.push(data.rows);
    assert.is(data.cols, 30, 'NB201 trunc_path');
    assert.is(options.size, 5);
    assert.is(options.epochs, 150);
    assert.is(options.loss, 'mae');
    return fakeTrainer(data, options, rng);
  };
  await drive(12, 150, spy);
  assert.equal(rows, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140]);
});

test('the real ensemble guides the search: better than the same loop with a constant predictor', async () => {
  // control: a predictor that says 42 for everything leaves only the mutation pool's order;
  // the real ensemble (3 members, 30 epochs) must find lower validation errors on the same seeds
  const constant: EnsembleTrainer = async (_d, options) => ({
    size: options.size,
    predict: (_x: Float32Array, n: number) =>
      Array.from({ length: options.size }, () => new Float64Array(n).fill(42)),
  });
  const { trainEnsemble } = await import('../../src/nn/ensemble.js');
  const small: EnsembleTrainer = (data, options, rng) =>
    trainEnsemble(data, { ...options, size: 3, epochs: 30 }, rng);
  const bestOf = async (trainer: EnsembleTrainer, seed: number): Promise<number> =>
    Math.min(
      ...(await drive(seed, 60, trainer)).map((h) => oracle.peek(nb201Space.parse(h)).valError),
    );
  let real = 0;
  let control = 0;
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    real += await bestOf(small, seed);
    control += await bestOf(constant, seed);
  }
  assert.ok(
    real < control,
    `mean best validation error: ensemble ${real / 6}, constant ${control / 6}`,
  );
});

test.run();
