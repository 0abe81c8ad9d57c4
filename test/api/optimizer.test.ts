import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createOptimizer,
  minimise,
  restoreOptimizer,
  type OptimizerState,
} from '../../src/api/optimizer.js';
import type { JsonObject } from '../../src/api/json.js';
import { ConfigError, OutOfSpaceError } from '../../src/core/errors.js';
import { trainEnsemble } from '../../src/nn/ensemble.js';
import type { EnsembleTrainer } from '../../src/nn/types.js';
import { createCategoricalSpace } from '../../src/space/categorical/categorical-space.js';
import { nb201Space, type Nb201Arch } from '../../src/space/nasbench201/space.js';
import { nb101Space, type Nb101Arch } from '../../src/space/nasbench101/space.js';
import { createCellSpace, type CellArch } from '../../src/space/generic/cell-space.js';
import { dartsSpace } from '../../src/space/darts/space.js';
import type { DartsArch } from '../../src/space/darts/constants.js';
import { expectThrows } from '../helpers.js';

// a small user space and a synthetic objective with a known optimum (lr 0.01, depth 4, relu, bn)
const space = createCategoricalSpace({
  lr: [0.1, 0.03, 0.01, 0.003],
  depth: [1, 2, 3, 4, 5, 6],
  act: ['relu', 'tanh', 'gelu'],
  bn: [true, false],
});
type Arch = ReturnType<typeof space.sample>;
const objective = (a: Arch): number =>
  Math.abs(Math.log10(a.lr) + 2) * 3 +
  Math.abs(a.depth - 4) +
  (a.act === 'relu' ? 0 : 1) +
  (a.bn ? 0 : 0.5);
// fast model settings for tests: 2 members × 30 epochs
const quick = { ensemble: { size: 2, epochs: 30 } };

const countingTrainer = (): { trainer: EnsembleTrainer; fits: () => number } => {
  let n = 0;
  return {
    trainer: (data, o, rng) => {
      n++;
      return trainEnsemble(data, o, rng);
    },
    fits: () => n,
  };
};

test('ask/tell: proposals are valid, pending until told, best is the lowest told', async () => {
  const opt = createOptimizer('random', space, { seed: 1 });
  const batch = await opt.ask(3);
  assert.is(batch.length, 3);
  batch.forEach((a) => space.validate(a));
  assert.equal(opt.pending(), batch);
  opt.tell(batch[1]!, 2.5, { note: 'second' });
  opt.tell(batch[0]!, 7);
  assert.equal(opt.pending(), [batch[2]]);
  assert.is(opt.best()!.valError, 2.5);
  assert.equal(opt.best()!.extra, { note: 'second' });
  assert.equal(
    opt.trials.map((t) => t.index),
    [0, 1],
  );
  assert.is(opt.trials[0]!.hash, space.hash(batch[1]!));
});

test('same seed, same results → same proposals; another seed differs', async () => {
  const run = async (seed: number): Promise<string[]> => {
    const r = await minimise(space, objective, { budget: 25, seed, options: quick });
    return r.trials.map((t) => t.hash);
  };
  const a = await run(5);
  assert.equal(await run(5), a);
  assert.not.equal(await run(6), a);
});

test('minimise spends exactly the budget, never repeats an architecture and finds a good one', async () => {
  // 144 architectures; 40 BANANAS queries. Expected best: well below the space mean (≈ 5.3)
  const r = await minimise(space, objective, { budget: 40, seed: 2, options: quick });
  assert.is(r.trials.length, 40);
  assert.is(new Set(r.trials.map((t) => t.hash)).size, 40);
  assert.is(r.best!.valError, Math.min(...r.trials.map((t) => t.valError)));
  assert.ok(r.best!.valError <= 1.5, `best ${r.best!.valError}`);
});

test('the objective may be async and return { valError, extra }', async () => {
  const opt = createOptimizer('evolution', space, { seed: 3, budget: 15 });
  const r = await opt.minimise(async (a) => ({
    valError: objective(a),
    extra: { depth: a.depth },
  }));
  assert.is(r.trials.length, 15);
  assert.ok(r.trials.every((t) => (t.extra as { depth: number }).depth === t.arch.depth));
});

test('ask returns nothing once the budget is used; bad arguments are rejected', async () => {
  const opt = createOptimizer('random', space, { seed: 4, budget: 3, options: { batchSize: 2 } });
  assert.is((await opt.ask(5)).length, 2);
  assert.is((await opt.ask(5)).length, 1);
  assert.equal(await opt.ask(5), []);
  await opt.ask(0).then(
    () => assert.unreachable('ask(0) resolved'),
    (e: unknown) => assert.instance(e, RangeError),
  );
  expectThrows(
    () => createOptimizer('hillclimb', space),
    ConfigError,
    /unknown algorithm 'hillclimb'; valid: .*bananas/,
  );
  expectThrows(
    () => createOptimizer('random', space, { budget: 0 }),
    ConfigError,
    /budget must be a positive integer/,
  );
  expectThrows(
    () => createOptimizer('random', space, { options: { f: (() => 1) as never } }),
    TypeError,
    /options\.f is a function/,
  );
  const a = space.sample(new (await import('../../src/core/rng.js')).Rng(1));
  expectThrows(() => opt.tell(a, Number.NaN), RangeError, /valError must be a finite number/);
  expectThrows(() => opt.tell({ ...a, depth: 9 } as never, 1), OutOfSpaceError, /'depth' = 9/);
  expectThrows(
    () => opt.tell(a, 1, { t: new Date() } as never),
    TypeError,
    /extra\.t is a Date object/,
  );
  // the budget is spent by the three proposals (none told): minimise evaluates those and stops
  const r = await opt.minimise(objective);
  assert.is(r.trials.length, 3);
  assert.equal(opt.pending(), []);
});

test('told results warm-start BANANAS, which never proposes them again', async () => {
  const opt = createOptimizer('bananas', space, { seed: 7, options: quick });
  const known = [
    { lr: 0.01, depth: 4, act: 'relu', bn: true },
    { lr: 0.1, depth: 1, act: 'tanh', bn: false },
  ] as const;
  for (const k of known) opt.tell(k, objective(k));
  const hashes = new Set(known.map((k) => space.hash(k)));
  for (let i = 0; i < 30; i++) {
    const [a] = await opt.ask();
    assert.not.ok(hashes.has(space.hash(a!)), 'proposed a told architecture');
    hashes.add(space.hash(a!));
    opt.tell(a!, objective(a!));
  }
  assert.is(opt.best()!.valError, 0);
});

for (const algorithm of ['random', 'evolution', 'bananas']) {
  test(`${algorithm}: a state saved mid-run restores and continues exactly like the uninterrupted run`, async () => {
    const options = algorithm === 'bananas' ? quick : {};
    // reference: 32 trials straight through
    const straight = createOptimizer(algorithm, space, { seed: 11, budget: 32, options });
    const full = await straight.minimise(objective);
    // interrupted: 17 told, 2 more asked but pending, then JSON round trip and resume
    const first = createOptimizer(algorithm, space, { seed: 11, budget: 32, options });
    await first.minimise(objective, { budget: 17 });
    const pending = await first.ask(2);
    const saved = JSON.parse(JSON.stringify(first.state())) as OptimizerState;
    const counter = countingTrainer();
    const resumed = await restoreOptimizer(saved, space, { trainer: counter.trainer });
    // BANANAS replays through the stand-in predictor, without refitting
    assert.is(counter.fits(), 0);
    assert.equal(resumed.pending(), pending);
    assert.equal(
      resumed.trials.map((t) => t.hash),
      first.trials.map((t) => t.hash),
    );
    for (const a of pending) resumed.tell(a, objective(a));
    const rest = await resumed.minimise(objective);
    assert.equal(
      rest.trials.map((t) => t.hash),
      full.trials.map((t) => t.hash),
    );
    assert.equal(resumed.state(), straight.state());
  });
}

test('BANANAS on NB201 restores without refits although trunc_path encodings collide (3-hop paths dropped)', async () => {
  const obj = (a: Nb201Arch): number =>
    10 - a.filter((o) => o === 'nor_conv_3x3').length + (a[3] === 'none' ? 2 : 0);
  const opt = createOptimizer('bananas', nb201Space, { seed: 3, budget: 40, options: quick });
  await opt.minimise(obj, { budget: 30 });
  const saved = JSON.parse(JSON.stringify(opt.state())) as OptimizerState;
  const counter = countingTrainer();
  const resumed = await restoreOptimizer(saved, nb201Space, { trainer: counter.trainer });
  assert.is(counter.fits(), 0);
  await opt.minimise(obj);
  await resumed.minimise(obj);
  assert.equal(resumed.state(), opt.state());
});

test('every algorithm restores on NB101 and continues exactly (raw cells survive serialisation)', async () => {
  // NB101 mutation acts on the raw 7×7 cell: a state that kept only pruned cells would replay
  // other proposals (found by a user); a deterministic toy objective on the op counts suffices
  const obj = (a: Nb101Arch): number =>
    10 -
    a.ops.filter((o) => o === 'conv3x3-bn-relu').length +
    a.matrix.flat().reduce((x, y) => x + y, 0) / 10;
  for (const algorithm of ['bananas', 'evolution', 'gp', 'dngo', 'local', 'random']) {
    const options: JsonObject =
      algorithm === 'bananas' ? quick : algorithm === 'dngo' ? { net: { epochs: 20 } } : {};
    const straight = createOptimizer(algorithm, nb101Space, { seed: 5, budget: 34, options });
    await straight.minimise(obj);
    const first = createOptimizer(algorithm, nb101Space, { seed: 5, budget: 34, options });
    await first.minimise(obj, { budget: 21 });
    const resumed = await restoreOptimizer(
      JSON.parse(JSON.stringify(first.state())) as OptimizerState,
      nb101Space,
    );
    await resumed.minimise(obj);
    assert.equal(
      resumed.trials.map((t) => t.hash),
      straight.trials.map((t) => t.hash),
      algorithm,
    );
  }
});

test('BANANAS runs on a user cell space and on DARTS, and restores there too', async () => {
  // cell objective: count of conv3 vertices (max 4) minus a small edge cost; DARTS: sep_conv_3x3
  // edges in the normal cell (max 8)
  const cells = createCellSpace({ name: 'user-cells', nodes: 6, ops: ['conv3', 'conv1', 'pool'] });
  const cellObj = (c: CellArch): number =>
    10 -
    c.ops.filter((o) => o === 'conv3').length +
    0.1 * c.matrix.flat().reduce((a, b) => a + b, 0);
  const dartsObj = (a: DartsArch): number =>
    10 - a.normal.filter(([o]) => o === 'sep_conv_3x3').length;
  for (const [sp, obj] of [
    [cells, cellObj],
    [dartsSpace, dartsObj],
  ] as const) {
    const opt = createOptimizer('bananas', sp as never, { seed: 4, budget: 30, options: quick });
    const r = await opt.minimise(obj as never, { budget: 20 });
    assert.is(r.trials.length, 20);
    const counter = countingTrainer();
    const back = await restoreOptimizer(JSON.parse(JSON.stringify(opt.state())), sp as never, {
      trainer: counter.trainer,
    });
    assert.is(counter.fits(), 0, `${sp.name} refits`);
    await opt.minimise(obj as never);
    await back.minimise(obj as never);
    assert.equal(back.state(), opt.state());
    assert.ok(opt.best()!.valError < 10, `${sp.name} best ${opt.best()!.valError}`);
  }
});

test('restore rejects another schema, another space and a log that does not replay', async () => {
  const opt = createOptimizer('random', space, { seed: 1, budget: 10 });
  await opt.minimise(objective);
  const st = opt.state();
  await expectReject(
    restoreOptimizer({ ...st, schema: 'x' } as never, space),
    ConfigError,
    /not an optimiser state/,
  );
  await expectReject(
    restoreOptimizer({ ...st, version: 2 } as never, space),
    ConfigError,
    /state version 2/,
  );
  await expectReject(
    restoreOptimizer(st as never, nb201Space),
    ConfigError,
    /space 'categorical', got space 'nb201'/,
  );
  const tampered = JSON.parse(JSON.stringify(st)) as OptimizerState;
  tampered.seed = 2;
  await expectReject(restoreOptimizer(tampered, space), ConfigError, /batch 0 replays as/);
});

async function expectReject(
  p: Promise<unknown>,
  kind: new (...a: never[]) => Error,
  pattern: RegExp,
): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, kind);
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable('expected a rejection');
}

test.run();
