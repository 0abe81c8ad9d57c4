import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../src/core/rng.js';
import { ConfigError } from '../../src/core/errors.js';
import { defaultEnsembleOptions, trainEnsemble } from '../../src/nn/ensemble.js';
import type { Dataset } from '../../src/nn/types.js';

/** Sparse binary path-encoding-like rows: 4 active features of 40; target from the features. */
function pathLike(rng: Rng, rows: number, cols = 40): Dataset {
  const x = new Float32Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let k = 0; k < 4; k++) {
      const c = rng.int(cols);
      x[r * cols + c] = 1;
      s += (c % 5) * 0.5;
    }
    y[r] = 6 + s;
  }
  return { x, y, rows, cols };
}

const small = { ...defaultEnsembleOptions, layers: 3, width: 10, epochs: 30 };

test('defaults are the reference config: 5 members of 10 × 20, MAE, Adam 0.01/0.9/0.99/1e-7, 150 epochs, batch 32', () => {
  const o = defaultEnsembleOptions;
  assert.equal(
    [
      o.size,
      o.layers,
      o.width,
      o.loss,
      o.learningRate,
      o.beta1,
      o.beta2,
      o.epsilon,
      o.epochs,
      o.batchSize,
      o.mapeLowerBound,
    ],
    [5, 10, 20, 'mae', 0.01, 0.9, 0.99, 1e-7, 150, 32, 4.5],
  );
});

test('B26: members differ (spread > 0 on held-out inputs) and the same seed repeats exactly', async () => {
  const train = pathLike(new Rng(1), 60);
  const heldOut = pathLike(new Rng(2), 50);
  const a = await trainEnsemble(train, small, new Rng(42));
  const b = await trainEnsemble(train, small, new Rng(42));
  const pa = a.predict(heldOut.x, 50);
  const pb = b.predict(heldOut.x, 50);

  assert.is(a.size, 5);
  assert.is(pa.length, 5);
  for (let m = 0; m < 5; m++)
    assert.equal(Array.from(pa[m]!), Array.from(pb[m]!), `member ${m} repeats`);
  let positive = 0;
  for (let i = 0; i < 50; i++) {
    const col = pa.map((p) => p[i]!);
    const mean = col.reduce((s, v) => s + v, 0) / 5;
    const std = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / 5);
    if (std > 1e-6) positive++;
  }
  assert.is(positive, 50, 'every held-out candidate has a non-zero ensemble spread');
});

test('B26: a different run seed gives different members; the caller generator advances by the splits', async () => {
  const train = pathLike(new Rng(1), 30);
  const a = await trainEnsemble(train, { ...small, size: 2 }, new Rng(1));
  const b = await trainEnsemble(train, { ...small, size: 2 }, new Rng(2));

  assert.not.equal(Array.from(a.predict(train.x, 30)[0]!), Array.from(b.predict(train.x, 30)[0]!));
  // size m consumes exactly m splits: the next draw equals that of a generator split m times
  const r1 = new Rng(9);
  await trainEnsemble(train, { ...small, size: 3, epochs: 1 }, r1);
  const r2 = new Rng(9);
  r2.split();
  r2.split();
  r2.split();
  assert.is(r1.nextUint32(), r2.nextUint32());
});

test('rejects an ensemble of size 0 and bad data with the API name', async () => {
  const train = pathLike(new Rng(1), 10);
  let caught: unknown;
  try {
    await trainEnsemble(train, { ...small, size: 0 }, new Rng(0));
  } catch (e) {
    caught = e;
  }
  assert.instance(caught, ConfigError);
  assert.match((caught as Error).message, /^trainEnsemble: size must be a positive integer, got 0/);
  caught = undefined;
  try {
    await trainEnsemble({ ...train, y: new Float64Array(10).fill(NaN) }, small, new Rng(0));
  } catch (e) {
    caught = e;
  }
  assert.match((caught as Error).message, /^mlp\.fit: y\[0\] is NaN/);
});

test.run();
