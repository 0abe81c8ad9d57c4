import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import {
  candidateDomain,
  createGpBayesOpt,
  type GpBayesOptOptions,
} from '../../src/search/gp-bo.js';
import type { Optimizer } from '../../src/search/types.js';
import { nb201Space, type Nb201Arch } from '../../src/space/nasbench201/space.js';
import type { SearchSpace } from '../../src/space/types.js';
import { expectThrows } from '../helpers.js';

// synthetic objective: number of edges that differ from a hidden target cell (0 at the target)
const TARGET: Nb201Arch = [
  'nor_conv_3x3',
  'skip_connect',
  'nor_conv_1x1',
  'nor_conv_3x3',
  'avg_pool_3x3',
  'nor_conv_3x3',
];
const f = (a: Nb201Arch): number => a.reduce((s, op, i) => s + (op !== TARGET[i] ? 1 : 0), 0);

async function drive<A>(
  opt: Optimizer<A>,
  obj: (a: A) => number,
  budget: number,
  hash: (a: A) => string,
) {
  const out: Array<{ a: A; v: number; batch: number }> = [];
  let batch = 0;
  while (out.length < budget) {
    const as = await opt.ask(budget - out.length);
    if (as.length === 0) break;
    for (const a of as) {
      const v = obj(a);
      opt.tell(a, v);
      out.push({ a, v, batch });
    }
    batch++;
  }
  return { out, hashes: out.map((r) => hash(r.a)) };
}

const run = (opts: Partial<GpBayesOptOptions>, budget: number, seed: number) =>
  drive(
    createGpBayesOpt({ space: nb201Space, rng: new Rng(seed) }, opts),
    f,
    budget,
    nb201Space.hash,
  );

test('B01: 10 random points, then one new architecture per ask, never a repeat', async () => {
  const { out, hashes } = await run({}, 30, 1);
  assert.is(out.length, 30);
  assert.is(out.filter((r) => r.batch === 0).length, 10);
  assert.is(Math.max(...out.map((r) => r.batch)), 20);
  assert.is(new Set(hashes).size, 30);
});

test('finds the optimum of a smooth objective far faster than random sampling', async () => {
  // 40 uniform draws from 15,625 cells land within 1 edit of the target with probability
  // 1 − (1 − 25/15625)^40 ≈ 6 %; GP-BO (adj distance, UCB) walks there on each seed
  for (const seed of [1, 2, 3]) {
    const { out } = await run({}, 40, seed);
    const best = Math.min(...out.map((r) => r.v));
    assert.ok(best <= 1, `seed ${seed}: best ${best}`);
  }
});

test('EI, nasbot/path distances and the marginal-likelihood fit all run and improve on the start', async () => {
  for (const opts of [
    { acquisition: 'ei' as const },
    { distance: 'nasbot' },
    { distance: 'path', fitHyper: true },
  ]) {
    const { out, hashes } = await run(opts, 25, 4);
    assert.is(new Set(hashes).size, 25);
    const init = Math.min(...out.slice(0, 10).map((r) => r.v));
    assert.ok(
      Math.min(...out.map((r) => r.v)) < init,
      `${JSON.stringify(opts)} never improved on ${init}`,
    );
  }
});

test('the candidate domain holds at most 5·19·5 distinct unqueried perturbations', () => {
  const rng = new Rng(9);
  const told = Array.from({ length: 12 }, () => nb201Space.sample(rng)).map((arch) => ({
    arch,
    valError: f(arch),
  }));
  const seen = new Set(told.map((t) => nb201Space.hash(t.arch)));
  const o = { parents: 5, maxEdits: 19, repeats: 5, randomFallback: 100 };
  const dom = candidateDomain(nb201Space, rng, told, seen, o);
  const hs = dom.map((a) => nb201Space.hash(a));
  assert.ok(dom.length > 0 && dom.length <= 475, `size ${dom.length}`);
  assert.is(new Set(hs).size, hs.length);
  assert.ok(hs.every((h) => !seen.has(h)));
});

test('B29: when every perturbation is already queried the domain falls back to random unqueried cells', () => {
  // a space whose mutation returns the parent unchanged: every perturbation is a queried cell
  const frozen: SearchSpace<Nb201Arch> = { ...nb201Space, mutate: (a) => a };
  const rng = new Rng(2);
  const told = [{ arch: TARGET, valError: 0 }];
  const seen = new Set([nb201Space.hash(TARGET)]);
  const dom = candidateDomain(frozen, rng, told, seen, {
    parents: 5,
    maxEdits: 19,
    repeats: 5,
    randomFallback: 100,
  });
  // 100 random draws from 15,625 cells: almost all distinct and unqueried
  assert.ok(dom.length >= 95 && dom.length <= 100, `size ${dom.length}`);
  assert.ok(dom.every((a) => !seen.has(nb201Space.hash(a))));
});

test('rejects bad options with the option name', () => {
  const ctx = { space: nb201Space, rng: new Rng(0) };
  expectThrows(
    () => createGpBayesOpt(ctx, { acqDraws: 0 }),
    ConfigError,
    /acqDraws must be a positive integer/,
  );
  expectThrows(
    () => createGpBayesOpt(ctx, { acquisition: 'pi' as never }),
    ConfigError,
    /unknown acquisition 'pi'; valid: ucb, ei/,
  );
  expectThrows(
    () => createGpBayesOpt(ctx, { distance: 'cosine' }),
    ConfigError,
    /unknown distance 'cosine'/,
  );
  expectThrows(
    () => createGpBayesOpt(ctx, { lengthScale: 0 }),
    ConfigError,
    /lengthScale must be a positive number/,
  );
  const opt = createGpBayesOpt(ctx, {});
  expectThrows(() => opt.tell(TARGET, Infinity), RangeError, /must be finite/);
});

test.run();
