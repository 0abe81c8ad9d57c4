import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDataDir } from '../../src/bench/data-path.js';
import { runTrial } from '../../src/bench/harness.js';
import { loadNb201 } from '../../src/bench/loaders/nasbench201.js';
import { createNb201Oracle } from '../../src/bench/nasbench201-oracle.js';
import { Rng } from '../../src/core/rng.js';
import { createEvolution } from '../../src/search/evolution.js';
import { createRandomSearch } from '../../src/search/random.js';
import type { SearchSpace } from '../../src/space/types.js';
import { ringSpace } from './toy-space.js';

/** Architectures that remember their parent: every mutation makes a fresh id. */
interface Tagged {
  id: number;
  parent: number;
}
function taggedSpace(): SearchSpace<Tagged> {
  let next = 0;
  const ring = ringSpace(1);
  return {
    ...(ring as unknown as SearchSpace<Tagged>),
    name: 'tagged',
    sample: () => ({ id: next++, parent: -1 }),
    mutate: (a: Tagged) => ({ id: next++, parent: a.id }),
    hash: (a: Tagged) => String(a.id),
    validate: () => undefined,
    isValid: () => true,
  };
}

test('regularised evolution: the oldest member leaves once the population reaches 30', async () => {
  // ids 0..9 are the initial sample; id 0 is by far the best, so it wins every tournament it
  // enters. Child k (k = 1, 2, ...) is told after the population held 10 + k − 1 members;
  // after child 20 is told the population reaches 30 and id 0, the oldest, is removed.
  const space = taggedSpace();
  const opt = createEvolution({ space, rng: new Rng(1) }, {});
  const init = await opt.ask(100);
  assert.is(init.length, 10);
  for (const a of init) opt.tell(a, a.id === 0 ? 0 : 10);
  const parents: number[] = [];
  for (let k = 1; k <= 60; k++) {
    const [child] = await opt.ask(100);
    parents.push(child!.parent);
    opt.tell(child!, 10);
  }
  assert.ok(parents.slice(0, 20).includes(0), 'the best initial cell is a parent while it lives');
  assert.not.ok(parents.slice(20).includes(0), 'and never after it aged out');
});

test('with regularize false the worst member leaves instead', async () => {
  const space = taggedSpace();
  const opt = createEvolution({ space, rng: new Rng(1) }, { regularize: false });
  for (const a of await opt.ask(100)) opt.tell(a, a.id === 0 ? 0 : 10);
  const parents: number[] = [];
  for (let k = 1; k <= 60; k++) {
    const [child] = await opt.ask(100);
    parents.push(child!.parent);
    opt.tell(child!, 20);
  }
  assert.ok(parents.slice(40).includes(0), 'the best cell survives forever');
});

test('a population cap below the initial sample keeps only the first cells, as the reference', async () => {
  // populationSize 5, 10 initial cells with errors 100 − id: the reference's population is ids
  // 0..4 (the first min(10, 5)), so ids 5..9 (the better ones) can never be parents
  const space = taggedSpace();
  const opt = createEvolution({ space, rng: new Rng(2) }, { populationSize: 5 });
  for (const a of await opt.ask(100)) opt.tell(a, 100 - a.id);
  const [child] = await opt.ask(100);
  assert.ok(child!.parent >= 0 && child!.parent <= 4, `parent ${child!.parent}`);
});

const oracle = createNb201Oracle(loadNb201(resolveDataDir()), 'cifar10');

test('B01: evolution with dedupe never queries a cell twice; without it, it does (reference behaviour)', async () => {
  const spec = { algorithm: 'evolution', budget: 150, trial: 0, runSeed: 3 };
  const deduped = await runTrial(oracle, { ...spec, options: { dedupe: true } });
  const hashes = deduped.queries.map((q) => q.hash);
  assert.is(hashes.length, 150);
  assert.is(new Set(hashes).size, 150);
  const faithful = await runTrial(oracle, { ...spec, options: {} });
  assert.ok(
    new Set(faithful.queries.map((q) => q.hash)).size < 150,
    'NB201 mutation no-ops re-query parents',
  );
});

test('random search draws distinct cells and gives up on an exhausted space', async () => {
  const space = ringSpace(12);
  const opt = createRandomSearch({ space, rng: new Rng(0) }, {});
  const seen: number[] = [];
  for (let i = 0; i < 10; i++) {
    const b = await opt.ask(100);
    for (const a of b) {
      seen.push(a);
      opt.tell(a, 0);
    }
  }
  assert.is(new Set(seen).size, seen.length);
  assert.ok(seen.length <= 12);
  assert.equal(await opt.ask(5), [], 'nothing left after the space is exhausted');
});

test.run();
