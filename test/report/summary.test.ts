import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { incumbentAt } from '../../src/bench/results.js';
import { defaultCheckpoints, incumbentTrace, meanSe, summarise } from '../../src/report/summary.js';
import { expectClose, FC_SEED } from '../helpers.js';
import { handTrials, trial } from './helpers.js';

test('checkpoint means and standard errors of three hand-made trials', () => {
  const s = summarise(handTrials(), { checkpoints: [2, 4] });
  const a = s.algorithms[0]!;

  // q = 2: incumbents 7 (val 8 < 10), 6.5 (val 6 < 7), 8 (val tie 9 = 9 keeps the first).
  // mean = 21.5/3 = 7.16667; deviations -0.16667, -0.66667, 0.83333; squares sum 1.16667;
  // sample var = 0.58333; sd = 0.76376; s.e. = 0.76376/√3 = 0.44096
  const q2 = a.checkpoints[0]!;
  assert.is(q2.queries, 2);
  assert.is(q2.n, 3);
  expectClose(q2.testError.mean, 7.16667, 1e-5, 'mean at q=2');
  expectClose(q2.testError.se, 0.44096, 1e-5, 's.e. at q=2');

  // q = 4: incumbents 6 (val 7), 6 (val 5 tie keeps query 3, test 6, not query 4's 3), 5 (val 4).
  // mean = 17/3 = 5.66667; squares 0.1111 + 0.1111 + 0.4444 = 0.6667; var 0.3333; s.e. 0.33333
  const q4 = a.checkpoints[1]!;
  expectClose(q4.testError.mean, 5.66667, 1e-5, 'mean at q=4');
  expectClose(q4.testError.se, 0.33333, 1e-5, 's.e. at q=4');
  // regret = error − optimum 2: mean 3.66667, same s.e.
  expectClose(q4.regret.mean, 3.66667, 1e-5, 'regret at q=4');
  expectClose(q4.regret.se, 0.33333, 1e-5, 'regret s.e. at q=4');

  // per-trial final errors and the query curve at q = 1: (9 + 6.5 + 8)/3 = 7.83333
  assert.equal(a.finalErrors, [6, 6, 5]);
  assert.equal(a.byQueries.x, [1, 2, 3, 4]);
  expectClose(a.byQueries.mean[0]!, 7.83333, 1e-5, 'curve at q=1');
  // q = 3: 7, 6, 7 → 6.66667
  expectClose(a.byQueries.mean[2]!, 6.66667, 1e-5, 'curve at q=3');
  assert.equal(a.byQueries.n, [3, 3, 3, 3]);
});

test('time curve: grid points before a trial started are dropped, finished trials hold', () => {
  // first queries end at 100, 300, 100 s; last at 450, 600, 500 s → grid 100·6^(k/4):
  // 100, 156.5, 244.9, 383.4, 600. Trial 1 starts at 300, so only 383.4 and 600 remain.
  // At 383.4: trial 0 has 2 queries (100, 300) → 7; trial 1 has 1 (300) → 6.5; trial 2 has 3
  // (100, 200, 300) → 7; mean 6.83333, nobody finished.
  // At 600: all finished → 6, 6, 5 → 5.66667 (trials 0 and 2 hold their final incumbent).
  const s = summarise(handTrials(), { timePoints: 5 });
  expectClose(s.timeGrid[0]!, 100, 1e-9, 'grid start');
  expectClose(s.timeGrid[4]!, 600, 1e-9, 'grid end');
  const a = s.algorithms[0]!;
  assert.is(a.byTime.x.length, 2);
  expectClose(a.byTime.x[0]!, 100 * 6 ** 0.75, 1e-6, 'first kept time');
  expectClose(a.byTime.mean[0]!, 6.83333, 1e-5, 'mean at 383 s');
  expectClose(a.byTime.mean[1]!, 5.66667, 1e-5, 'mean at 600 s');
  assert.equal(a.finishedByTime, [0, 3]);
});

test('B08: a new validation incumbent with worse test error makes the trace go up', () => {
  // X (val 5.0, test 6.0) then Y (val 4.9, test 6.5): Y takes over by validation → [6.0, 6.5]
  const t = trial('re', 0, [
    [5.0, 6.0, 10],
    [4.9, 6.5, 10],
  ]);
  assert.equal(incumbentTrace(t.queries), [6.0, 6.5]);
  const s = summarise([t], { checkpoints: [1, 2] });
  assert.equal(s.algorithms[0]!.byQueries.mean, [6.0, 6.5]);
  assert.is(s.algorithms[0]!.checkpoints[1]!.testError.mean, 6.5);
});

test('B28: simulated time is the cumulative table time of every query, repeats included', () => {
  // A (100 s), B (200 s), A again (100 s): the official API counts 400 s; the time curve ends there
  const t = trial('rs', 0, [
    [9, 9, 100],
    [8, 8, 200],
    [9, 9, 100],
  ]);
  const s = summarise([t]);
  assert.is(s.timeGrid[s.timeGrid.length - 1], 400);
  const a = s.algorithms[0]!;
  assert.is(a.byTime.x[a.byTime.x.length - 1], 400);
  assert.is(a.finishedByTime[a.finishedByTime.length - 1], 1);
});

test('incumbentTrace agrees with incumbentAt at every query count', () => {
  const q = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 50 }));
  fc.assert(
    fc.property(fc.array(q, { minLength: 1, maxLength: 30 }), (pairs) => {
      const t = trial(
        'p',
        0,
        pairs.map(([v, e]) => [v, e, 1]),
      );
      const trace = incumbentTrace(t.queries);
      return trace.every((e, k) => e === incumbentAt(t.queries, k + 1)!.testError);
    }),
    { seed: FC_SEED, numRuns: 200 },
  );
});

test('standard error is the sample std / sqrt(n), and 0 for one value', () => {
  // [1, 2, 3, 4]: mean 2.5, squares 2.25+0.25+0.25+2.25 = 5, var 5/3, s.e. sqrt(5/3)/2 = 0.645497
  expectClose(meanSe([1, 2, 3, 4]).se, 0.645497, 1e-6, 's.e.');
  assert.equal(meanSe([7]), { n: 1, mean: 7, se: 0 });
  const values = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), {
    minLength: 2,
    maxLength: 40,
  });
  fc.assert(
    fc.property(values, (xs) => {
      const n = xs.length;
      const m = xs.reduce((a, b) => a + b, 0) / n;
      const ss = xs.reduce((a, b) => a + (b - m) ** 2, 0);
      return Math.abs(meanSe(xs).se - Math.sqrt(ss / (n - 1) / n)) <= 1e-9 * (1 + Math.sqrt(ss));
    }),
    { seed: FC_SEED, numRuns: 200 },
  );
});

test('refuses to mix spaces, datasets, budgets and optima, naming both values', () => {
  const base = trial('A', 0, [[1, 1, 1]], { space: 'nasbench201', dataset: 'cifar10' });
  const cases: [Parameters<typeof trial>[3], RegExp][] = [
    [{ space: 'nasbench101', dataset: 'cifar10' }, /space "nasbench201".*"nasbench101"/],
    [{ space: 'nasbench201', dataset: 'cifar100' }, /dataset "cifar10".*"cifar100"/],
    [{ space: 'nasbench201', dataset: 'cifar10', budget: 5 }, /budget 1 .*and 5 /],
    [
      { space: 'nasbench201', dataset: 'cifar10', optimumTest: 5.63 },
      /optimum.testError 2 .*and 5.63 /,
    ],
  ];
  for (const [over, pattern] of cases) {
    const other = trial('B', 0, [[1, 1, 1]], over);
    assert.throws(() => summarise([base, other]), pattern);
  }
});

test('rejects an empty list and a checkpoint outside 1..budget', () => {
  assert.throws(() => summarise([]), /no trials/);
  assert.throws(() => summarise(handTrials(), { checkpoints: [5] }), /checkpoint 5 .*1\.\.4/);
  assert.throws(() => summarise(handTrials(), { checkpoints: [1.5] }), /checkpoint 1.5/);
});

test('default checkpoints: multiples of 10, the budget, and 50/100/150 within it', () => {
  assert.equal(
    defaultCheckpoints(150),
    [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150],
  );
  assert.equal(defaultCheckpoints(45), [10, 20, 30, 40, 45]);
  assert.equal(defaultCheckpoints(5), [5]);
});

test('algorithms keep first-seen order; a short trial lowers n only where it stops', () => {
  const short = trial('Z', 1, [[3, 3, 1]], { budget: 2 });
  const full = trial('Z', 0, [
    [4, 4, 1],
    [2, 2, 1],
  ]);
  const other = trial('B', 0, [
    [5, 5, 1],
    [5, 1, 1],
  ]);
  const s = summarise([short, other, full]);
  assert.equal(
    s.algorithms.map((a) => a.algorithm),
    ['Z', 'B'],
  );
  const z = s.algorithms[0]!;
  // checkpoint 2 (the budget): only the full trial reached it → n = 1, mean 2
  assert.equal(s.checkpoints, [2]);
  assert.is(z.checkpoints[0]!.n, 1);
  assert.is(z.checkpoints[0]!.testError.mean, 2);
  assert.equal(z.byQueries.n, [2, 1]);
  assert.equal(z.finalErrors, [3, 2]);
});

test.run();
