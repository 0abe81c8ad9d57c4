import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adamStepSize } from '../../src/nn/adam.js';
import { createJsBackend } from '../../src/nn/backend/cpu.js';
import { batchLoss } from '../../src/nn/loss.js';
import { expectClose, expectThrows } from '../helpers.js';

test('MAE is the mean |ŷ − y| with gradient sign(ŷ − y)/n (0 at ŷ = y)', () => {
  const pred = new Float64Array([6, 5, 7.5]);
  const y = new Float64Array([5, 5, 8]);
  const grad = new Float64Array(3);

  // |1| + |0| + |−0.5| = 1.5, over 3 rows = 0.5
  const loss = batchLoss('mae', 4.5, pred, y, Int32Array.from([0, 1, 2]), 0, 3, grad);
  expectClose(loss, 0.5, 1e-15, 'loss');
  assert.equal(Array.from(grad), [1 / 3, 0, -1 / 3]);
});

test('MAPE is mean |(ŷ − b)/(y − b) − 1| with bound b = 4.5, read through the row order', () => {
  const pred = new Float64Array([6.5, 5]);
  const y = new Float64Array([14.5, 5.5]);
  const grad = new Float64Array(2);

  // order [1, 0]: row 1 (y 5.5) gets ŷ 6.5: |2/1 − 1| = 1; row 0 (y 14.5) gets ŷ 5: |0.5/10 − 1| = 0.95
  const loss = batchLoss('mape', 4.5, pred, y, Int32Array.from([1, 0]), 0, 2, grad);
  expectClose(loss, (1 + 0.95) / 2, 1e-15, 'loss');
  // gradients: sign(·)/(y − b)/n = 1/1/2 and −1/10/2
  expectClose(grad[0]!, 0.5, 1e-15, 'grad 0');
  expectClose(grad[1]!, -0.05, 1e-15, 'grad 1');
});

test('MSE is the mean (ŷ − y)² with gradient 2(ŷ − y)/n', () => {
  const grad = new Float64Array(2);

  // (6 − 5)² + (5 − 7)² = 1 + 4 = 5, over 2 rows = 2.5; gradients 2·1/2 = 1 and 2·(−2)/2 = −2
  const loss = batchLoss(
    'mse',
    4.5,
    new Float64Array([6, 5]),
    new Float64Array([5, 7]),
    Int32Array.from([0, 1]),
    0,
    2,
    grad,
  );
  expectClose(loss, 2.5, 1e-15, 'loss');
  assert.equal(Array.from(grad), [1, -2]);
});

test('one Adam step by hand: g 0.5, θ 1, lr 0.01, β 0.9/0.99, ε 1e-7 → θ 0.99000001999996', () => {
  // m = 0.1·0.5 = 0.05; v = 0.01·0.25 = 0.0025, √v = 0.05;
  // step size = 0.01·√(1 − 0.99)/(1 − 0.9) = 0.01; θ = 1 − 0.01·0.05/(0.05 + 1e-7)
  // = 1 − 0.01·0.99999800000399… = 0.99000001999996
  const b = createJsBackend('float64');
  const p = new Float64Array([1]);
  const m = new Float64Array(1);
  const v = new Float64Array(1);
  b.adamUpdate(p, new Float64Array([0.5]), m, v, 0, 1, adamStepSize(0.01, 0.9, 0.99, 1e-7, 1));

  expectClose(m[0]!, 0.05, 1e-16, 'first moment');
  expectClose(v[0]!, 0.0025, 1e-16, 'second moment');
  expectClose(p[0]!, 0.99000001999996, 1e-14, 'parameter');
  // step 2 with g = −0.5: m = 0.9·0.05 + 0.1·(−0.5) = −0.005, v = 0.99·0.0025 + 0.01·0.25
  // = 0.004975; step size = 0.01·√(1 − 0.9801)/(1 − 0.81) = 0.01·0.141067/0.19 = 0.0074246…;
  // θ = θ₁ + 0.0074246·0.005/(√0.004975 + 1e-7) = θ₁ + 0.0074246·0.005/0.0705337
  b.adamUpdate(p, new Float64Array([-0.5]), m, v, 0, 1, adamStepSize(0.01, 0.9, 0.99, 1e-7, 2));
  const s2 = (0.01 * Math.sqrt(0.0199)) / 0.19;
  expectClose(m[0]!, -0.005, 1e-16, 'first moment after step 2');
  expectClose(v[0]!, 0.004975, 1e-16, 'second moment after step 2');
  expectClose(
    p[0]!,
    0.99000001999996 + (s2 * 0.005) / (Math.sqrt(0.004975) + 1e-7),
    1e-14,
    'parameter after step 2',
  );
});

test('adamStepSize rejects step 0', () => {
  expectThrows(() => adamStepSize(0.01, 0.9, 0.99, 1e-7, 0), RangeError, /t must be ≥ 1, got 0/);
});

test.run();
