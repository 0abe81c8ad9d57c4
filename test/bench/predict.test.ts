import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import type { Oracle } from '../../src/bench/oracle.js';
import { evaluatePredictors, type PredictReport } from '../../src/bench/predict.js';
import { formatPredictReport } from '../../src/bench/predict-format.js';
import type { Ensemble, EnsembleTrainer } from '../../src/nn/types.js';
import { nb201Space, type Nb201Arch } from '../../src/space/nasbench201/space.js';

const OPS = ['avg_pool_3x3', 'nor_conv_1x1', 'nor_conv_3x3', 'none', 'skip_connect'];
// synthetic validation error: 5 % plus 1 per edge that is not nor_conv_3x3, plus 0.5 per 'none'
const f = (a: readonly string[]): number =>
  5 + a.reduce((s, op) => s + (op !== 'nor_conv_3x3' ? 1 : 0) + (op === 'none' ? 0.5 : 0), 0);

// an oracle that answers peek and refuses to be queried (the evaluation must spend no budget)
function peekOnlyOracle(): Oracle<Nb201Arch> {
  const o: Oracle<Nb201Arch> = {
    space: nb201Space,
    dataset: 'synthetic',
    description: 'synthetic',
    query: () => {
      throw new Error('query() must not be called');
    },
    peek: (a) => ({ valError: f(a), testError: f(a), trainTime: 1 }),
    queryCount: 0,
    simulatedSeconds: 0,
    optimum: { valError: 5, testError: 5, testErrorOfBestVal: 5 },
    fresh: () => o,
  };
  return o;
}

// a "trainer" that memorises nothing and predicts the truth by decoding the one-hot encoding:
// member m adds m·0.1 − 0.2, so the ensemble mean is exact and the population std is √0.02
const oracleTrainer: EnsembleTrainer = async (): Promise<Ensemble> => ({
  size: 5,
  predict(x: Float32Array, rows: number): Float64Array[] {
    const truth = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const ops = Array.from(
        { length: 6 },
        (_, e) => OPS[[0, 1, 2, 3, 4].find((k) => x[r * 30 + e * 5 + k] === 1)!]!,
      );
      truth[r] = f(ops);
    }
    return [0, 1, 2, 3, 4].map((m) => truth.map((t) => t + m * 0.1 - 0.2));
  },
});

test('metrics of a perfect predictor: MAE 0, correlations 1, coverage from the member spread', async () => {
  const report = await evaluatePredictors({
    oracle: peekOnlyOracle(),
    rng: new Rng(1),
    trainSizes: [10],
    testSize: 60,
    repeats: 2,
    encodings: ['onehot'],
    models: ['ensemble'],
    trainer: oracleTrainer,
  });
  const [row] = report.rows;
  assert.is(report.rows.length, 1);
  assert.ok(row!.mae < 1e-12, `mae ${row!.mae}`);
  assert.ok(Math.abs(row!.pearson - 1) < 1e-12);
  // ties in the truth are ties in the prediction, so τ-b is exactly 1
  assert.ok(Math.abs(row!.kendall - 1) < 1e-12);
  assert.is(row!.coverage1, 1);
  assert.is(row!.coverage2, 1);
});

test('a real ensemble and the GP: one row per (model, encoding, size), sane values, no budget spent', async () => {
  const oracle = peekOnlyOracle();
  const report = await evaluatePredictors({
    oracle,
    rng: new Rng(2),
    trainSizes: [20, 60],
    testSize: 80,
    repeats: 1,
    encodings: ['path', 'onehot'],
    ensemble: { layers: 2, width: 16, epochs: 60, size: 3 },
  });
  assert.is(report.rows.length, 2 * 2 * 2);
  assert.equal([...new Set(report.rows.map((r) => r.model))], ['ensemble', 'gp']);
  for (const r of report.rows) {
    assert.ok(
      r.mae >= 0 && Number.isFinite(r.mae),
      `${r.model}/${r.encoding}/${r.trainSize} mae ${r.mae}`,
    );
    assert.ok(r.coverage1 >= 0 && r.coverage1 <= r.coverage2 && r.coverage2 <= 1);
  }
  // the GP on the one-hot Hamming distance sees a target that is additive over edges: with 60
  // training cells it ranks the held-out set well (τ > 0.5) and better than with 20
  const gp = (n: number) =>
    report.rows.find((r) => r.model === 'gp' && r.encoding === 'onehot' && r.trainSize === n)!;
  assert.ok(gp(60).kendall > 0.5, `τ ${gp(60).kendall}`);
  assert.ok(gp(60).mae < gp(20).mae);
  assert.is(oracle.queryCount, 0);
});

test('rejects unknown models and encodings, bad sizes and sets larger than the space', async () => {
  const base = {
    oracle: peekOnlyOracle(),
    rng: new Rng(0),
    trainSizes: [5],
    testSize: 5,
    repeats: 1,
  };
  const fails = async (o: object, pattern: RegExp) => {
    let caught: unknown;
    await evaluatePredictors({ ...base, ...o }).catch((e) => (caught = e));
    assert.instance(caught, ConfigError);
    assert.match((caught as Error).message, pattern);
  };
  await fails({ models: ['forest'] }, /unknown model 'forest'; valid: ensemble, gp/);
  await fails(
    { encodings: ['graph'] },
    /no encoding 'graph'; valid: path, trunc_path, adjacency, onehot/,
  );
  await fails({ trainSizes: [0] }, /positive integers, got 0/);
  await fails({ testSize: 15000, trainSizes: [1000], models: ['gp'] }, /space is too small/);
});

test('formatPredictReport renders a markdown table, NaN as a dash', () => {
  const report: PredictReport = {
    space: 'nb201',
    dataset: 'cifar10',
    target: 'validation error (%)',
    trainSizes: [20],
    testSize: 100,
    repeats: 3,
    rows: [
      {
        model: 'ensemble',
        encoding: 'path',
        trainSize: 20,
        mae: 1.23456,
        maeSe: 0.1,
        pearson: 0.5,
        kendall: NaN,
        coverage1: 0.4,
        coverage2: 0.75,
        seconds: 0.5,
      },
    ],
  };
  const text = formatPredictReport(report);
  assert.match(
    text,
    /^Predictor accuracy on nb201 cifar10: target validation error \(%\), 100 held-out architectures, mean over 3 repeat\(s\)\n/,
  );
  assert.match(
    text,
    /\| model \| encoding \| train \| MAE \| Pearson \| Kendall τ \| within ±1σ \| within ±2σ \| s\/fit \|/,
  );
  assert.match(
    text,
    /\| ensemble \| path \| 20 \| 1\.235 ± 0\.100 \| 0\.500 \| — \| 40\.0 % \| 75\.0 % \| 0\.50 \|/,
  );
});

test.run();
