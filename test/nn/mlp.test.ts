import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import { ConfigError } from '../../src/core/errors.js';
import { createJsBackend } from '../../src/nn/backend/cpu.js';
import { defaultMetaNetOptions, Mlp } from '../../src/nn/mlp.js';
import type { Dataset, LossName } from '../../src/nn/types.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

/** rows × cols inputs from `rng`; entries are 0 with probability `zeros`, else U(−1, 1). */
function randomData(rng: Rng, rows: number, cols: number, zeros: number, yLow = 5): Dataset {
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = rng.next() < zeros ? 0 : rng.uniform(-1, 1);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) y[i] = yLow + 3 * rng.next();
  return { x, y, rows, cols };
}

/** Central finite difference of the loss with respect to every parameter. */
function finiteDifferences(net: Mlp, data: Dataset, h: number): Float64Array[] {
  return net.parameters().map((p) => {
    const out = new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const keep = p[i]!;
      p[i] = keep + h;
      const up = net.gradients(data).loss;
      p[i] = keep - h;
      const down = net.gradients(data).loss;
      p[i] = keep;
      out[i] = (up - down) / (2 * h);
    }
    return out;
  });
}

test('backprop matches central finite differences (float64, mae, mape and mse, dense and sparse inputs)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 6 }),
      fc.constantFrom<LossName>('mae', 'mape', 'mse'),
      fc.constantFrom(0, 0.7),
      (seed, cols, layers, width, rows, loss, zeros) => {
        const rng = new Rng(seed);
        const data = randomData(rng, rows, cols, zeros);
        const net = new Mlp(cols, { layers, width, loss, precision: 'float64' }, rng);
        // random biases too, so that ReLU units are not all on the same side of zero
        for (const p of net.parameters())
          for (let i = 0; i < p.length; i++) p[i] += rng.uniform(-0.3, 0.3);
        const analytic = net.gradients(data).grads;
        const numeric = finiteDifferences(net, data, 1e-6);
        for (let k = 0; k < analytic.length; k++) {
          for (let i = 0; i < analytic[k]!.length; i++) {
            const a = analytic[k]![i]!;
            const n = numeric[k]![i]!;
            if (Math.abs(a - n) > 1e-6 + 1e-4 * Math.abs(a)) return false;
          }
        }
        return true;
      },
    ),
    { seed: FC_SEED, numRuns: 150 },
  );
});

test('one training step equals the closed-form Adam step θ − lr·0.1g/(0.1|g| + ε)', () => {
  // With t = 1: m = (1 − β₁)g = 0.1g, v = (1 − β₂)g² = 0.01g², and the Keras step size is
  // lr·√(1 − 0.99)/(1 − 0.9) = lr·0.1/0.1 = lr, so θ₁ = θ₀ − lr·0.1g/(√(0.01g²) + ε)
  // = θ₀ − lr·0.1g/(0.1|g| + ε). One epoch with batch size = rows is exactly one step.
  const rng = new Rng(3);
  const data = randomData(rng, 8, 4, 0.3);
  const net = new Mlp(4, { layers: 2, width: 3, epochs: 1, batchSize: 8 }, rng);
  const before = net.parameters().map((p) => Float64Array.from(p));
  const { grads } = net.gradients(data);
  net.fit(data);
  const after = net.parameters();
  const lr = defaultMetaNetOptions.learningRate;
  const eps = defaultMetaNetOptions.epsilon;
  let checked = 0;
  for (let k = 0; k < after.length; k++) {
    for (let i = 0; i < after[k]!.length; i++) {
      const g = grads[k]![i]!;
      const expected = before[k]![i]! - (lr * 0.1 * g) / (0.1 * Math.abs(g) + eps);
      expectClose(after[k]![i]!, expected, 1e-12, `param ${k}[${i}]`);
      checked++;
    }
  }
  assert.is(checked, 4 * 3 + 3 + 3 * 3 + 3 + 3 + 1);
});

test('learns y = 5 + 2·x₀ − x₁: the epoch loss falls below a third of its start', () => {
  const rng = new Rng(11);
  const rows = 64;
  const x = new Float32Array(rows * 3);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    x[i * 3] = rng.next();
    x[i * 3 + 1] = rng.next();
    x[i * 3 + 2] = rng.next();
    y[i] = 5 + 2 * x[i * 3]! - x[i * 3 + 1]!;
  }
  const net = new Mlp(3, { layers: 2, width: 10, epochs: 100 }, rng);
  const { losses } = net.fit({ x, y, rows, cols: 3 });

  assert.is(losses.length, 100);
  assert.ok(losses[99]! < losses[0]! / 3, `first ${losses[0]}, last ${losses[99]}`);
  const pred = net.predict(x, rows);
  let mae = 0;
  for (let i = 0; i < rows; i++) mae += Math.abs(pred[i]! - y[i]!) / rows;
  assert.ok(mae < 0.3, `training MAE ${mae}`);
});

test('the sparse first-layer path gives the same network as the dense path', () => {
  const data = randomData(new Rng(5), 70, 30, 0.9);
  const opts = { layers: 3, width: 8, epochs: 5, batchSize: 16 };
  const sparse = new Mlp(30, opts, new Rng(9));
  const dense = new Mlp(30, opts, new Rng(9), {
    ...createJsBackend('float64'),
    sparseInputs: false,
  });
  sparse.fit(data);
  dense.fit(data);

  const a = sparse.predict(data.x, 70);
  const b = dense.predict(data.x, 70);
  for (let i = 0; i < 70; i++) expectClose(a[i]!, b[i]!, 1e-9, `row ${i}`);
});

test('predict in chunks equals row-by-row prediction; features feed the output layer', () => {
  const rng = new Rng(2);
  const data = randomData(rng, 600, 6, 0.5);
  const net = new Mlp(6, { layers: 2, width: 5, epochs: 2 }, rng);
  net.fit({ ...data, rows: 600 });
  const all = net.predict(data.x, 600);
  const feats = net.features(data.x, 600);
  const params = net.parameters();
  const wOut = params[params.length - 2]!;
  const bOut = params[params.length - 1]!;

  assert.is(feats.length, 600 * 5);
  for (const i of [0, 255, 256, 599]) {
    const one = net.predict(data.x.subarray(i * 6, i * 6 + 6), 1);
    expectClose(all[i]!, one[0]!, 1e-12, `row ${i}`);
    let z = bOut[0]!;
    for (let j = 0; j < 5; j++) z += feats[i * 5 + j]! * wOut[j]!;
    expectClose(all[i]!, z, 1e-12, `features row ${i}`);
  }
  assert.is(net.predict(new Float32Array(0), 0).length, 0);
});

test('Glorot-uniform init stays within ±√(6/(fan_in+fan_out)) and biases start at zero', () => {
  const net = new Mlp(36, {}, new Rng(1));
  const p = net.parameters();

  assert.is(p.length, 2 * 11);
  // layer 0: 36 → 20, limit √(6/56) ≈ 0.3273; hidden 20 → 20: √(6/40) ≈ 0.3873; out 20 → 1: √(6/21)
  const limits = [Math.sqrt(6 / 56), ...Array(9).fill(Math.sqrt(6 / 40)), Math.sqrt(6 / 21)];
  for (let l = 0; l < 11; l++) {
    const w = p[2 * l]!;
    let maxAbs = 0;
    for (const v of w) maxAbs = Math.max(maxAbs, Math.abs(v));
    assert.ok(maxAbs <= limits[l]! && maxAbs > 0.5 * limits[l]!, `layer ${l}: max |w| ${maxAbs}`);
    assert.ok(
      p[2 * l + 1]!.every((v) => v === 0),
      `layer ${l} bias`,
    );
  }
});

test('float32 storage trains to nearly the same network as float64', () => {
  const data = randomData(new Rng(8), 40, 10, 0.6);
  const a = new Mlp(10, { layers: 3, width: 6, epochs: 3, precision: 'float64' }, new Rng(4));
  const b = new Mlp(10, { layers: 3, width: 6, epochs: 3, precision: 'float32' }, new Rng(4));
  a.fit(data);
  b.fit(data);

  assert.instance(b.parameters()[0], Float32Array);
  const pa = a.predict(data.x, 40);
  const pb = b.predict(data.x, 40);
  for (let i = 0; i < 40; i++)
    expectClose(pb[i]!, pa[i]!, 1e-3 * (1 + Math.abs(pa[i]!)), `row ${i}`);
});

test('fit, predict and features name the API and the facts on bad input', () => {
  const net = new Mlp(36, { epochs: 1 }, new Rng(0));
  const good = randomData(new Rng(1), 4, 36, 0.5);

  expectThrows(
    () => net.fit({ ...good, x: new Float32Array(4 * 38), cols: 38 }),
    RangeError,
    /^mlp\.fit: x has 38 columns, the network expects 36$/,
  );
  expectThrows(
    () => net.fit({ ...good, rows: 0, x: new Float32Array(0), y: new Float64Array(0) }),
    RangeError,
    /^mlp\.fit: rows is 0; need at least one training row/,
  );
  expectThrows(
    () => net.fit({ ...good, x: good.x.subarray(0, 100) }),
    RangeError,
    /x has length 100, expected rows × cols = 4 × 36 = 144/,
  );
  const y = Float64Array.from(good.y);
  y[2] = NaN;
  expectThrows(
    () => net.fit({ ...good, y }),
    RangeError,
    /^mlp\.fit: y\[2\] is NaN; targets must be finite/,
  );
  const x = Float32Array.from(good.x);
  x[36 + 5] = Infinity;
  expectThrows(() => net.fit({ ...good, x }), RangeError, /x\[row 1, column 5\] is Infinity/);
  expectThrows(
    () => net.predict(good.x, 5),
    RangeError,
    /^mlp\.predict: x has length 144, expected rows × cols = 5 × 36 = 180/,
  );
  expectThrows(() => net.features(good.x, -1), RangeError, /^mlp\.features: rows is -1/);
  expectThrows(
    () => new Mlp(36, { layers: 0 }, new Rng(0)),
    ConfigError,
    /^mlp: layers must be a positive integer, got 0/,
  );
  expectThrows(
    () => new Mlp(36, { beta2: 1 }, new Rng(0)),
    ConfigError,
    /beta2 must lie in \[0, 1\), got 1/,
  );
});

test('MAPE: targets at or below the lower bound are rejected with the bound and the row', () => {
  const net = new Mlp(2, { loss: 'mape', epochs: 1 }, new Rng(0));
  const x = new Float32Array([1, 0, 0, 1]);

  expectThrows(
    () => net.fit({ x, y: new Float64Array([6, 4.5]), rows: 2, cols: 2 }),
    RangeError,
    /^mlp\.fit: loss 'mape' needs every target above mapeLowerBound 4\.5, but y\[1\] = 4\.5$/,
  );
  const ok = new Mlp(2, { loss: 'mape', epochs: 1, mapeLowerBound: 2 }, new Rng(0));
  assert.is(ok.fit({ x, y: new Float64Array([6, 4.5]), rows: 2, cols: 2 }).losses.length, 1);
});

test('debug NaN mode reports the layer and epoch of a non-finite weight', () => {
  const net = new Mlp(3, { layers: 2, width: 4, epochs: 2, debugNan: true }, new Rng(0));
  net.parameters()[2]![5] = NaN;
  const data = randomData(new Rng(1), 5, 3, 0);

  expectThrows(
    () => net.fit(data),
    Error,
    /^mlp\.fit: (loss is NaN after epoch 1|layer \d kernel\[\d+\] is NaN after epoch 1)$/,
  );
  const quiet = new Mlp(3, { layers: 2, width: 4, epochs: 2, debugNan: false }, new Rng(0));
  quiet.parameters()[2]![5] = NaN;
  assert.ok(Number.isNaN(quiet.fit(data).losses[1]), 'without the debug mode NaN flows through');
});

test('BANANAS_DEBUG_NAN=1 turns the NaN check on when the option is left unset', () => {
  const saved = process.env.BANANAS_DEBUG_NAN;
  try {
    process.env.BANANAS_DEBUG_NAN = '1';
    const net = new Mlp(3, { layers: 2, width: 4, epochs: 1 }, new Rng(0));
    net.parameters()[0]![0] = Infinity;

    expectThrows(() => net.fit(randomData(new Rng(1), 5, 3, 0)), Error, /after epoch 1$/);
  } finally {
    if (saved === undefined) delete process.env.BANANAS_DEBUG_NAN;
    else process.env.BANANAS_DEBUG_NAN = saved;
  }
});

test.run();
