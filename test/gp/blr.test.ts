import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import { fitBayesianLinearRegression } from '../../src/gp/blr.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

test('one feature, fixed α and β: posterior worked by hand', () => {
  // Φ = [1, 2]ᵀ, y = [1, 2], α = 1, β = 1: A = 1·(1 + 4) + 1 = 6, m = 1·(1·1 + 2·2)/6 = 5/6.
  // At φ = 3: mean = 2.5, variance = 1/β + 3²/6 = 1 + 1.5 = 2.5
  const blr = fitBayesianLinearRegression(Float64Array.of(1, 2), 2, 1, [1, 2], {
    alphas: [1],
    betas: [1],
  });
  const p = blr.predict(Float64Array.of(3), 1);
  expectClose(p.mean[0]!, 2.5, 1e-12);
  expectClose(p.variance[0]!, 2.5, 1e-12);
  // evidence: y ~ N(0, ΦΦᵀ/α + I/β) = N(0, [[2, 2], [2, 5]]); det 6, inverse [[5, −2], [−2, 2]]/6,
  // yᵀC⁻¹y = (5 − 8 + 8)/6 = 5/6 → log p = −½·5/6 − ½ log 6 − log 2π
  expectClose(blr.logEvidence, -5 / 12 - 0.5 * Math.log(6) - Math.log(2 * Math.PI), 1e-12);
});

test('evidence maximisation recovers the noise level of a linear model', () => {
  // y = 2·φ₁ − φ₂ + 0.5 + ε, ε ~ N(0, 0.1²): β should land near 1/0.01 = 100 (grid step ×√10)
  const rng = new Rng(3);
  const n = 200;
  const phi = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const a = rng.normal();
    const b = rng.normal();
    phi.set([a, b, 1], r * 3);
    y[r] = 2 * a - b + 0.5 + rng.normal(0, 0.1);
  }
  const blr = fitBayesianLinearRegression(phi, n, 3, y);
  assert.ok(blr.beta >= 30 && blr.beta <= 320, `beta ${blr.beta}`);
  const p = blr.predict(Float64Array.of(1, 1, 1), 1);
  expectClose(p.mean[0]!, 1.5, 0.05);
});

test('predictive variance is at least the noise 1/β (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 8, maxLength: 40 }),
      fc.integer(),
      (vals, seed) => {
        const rows = Math.floor(vals.length / 2);
        const phi = Float64Array.from(vals.slice(0, rows * 2));
        const rng = new Rng(seed);
        const y = Array.from({ length: rows }, () => rng.normal());
        const blr = fitBayesianLinearRegression(phi, rows, 2, y);
        const p = blr.predict(phi, rows);
        return p.variance.every((v) => v >= 1 / blr.beta - 1e-12);
      },
    ),
    { seed: FC_SEED, numRuns: 100 },
  );
});

test('rejects mismatched sizes', () => {
  expectThrows(
    () => fitBayesianLinearRegression(new Float64Array(5), 2, 2, [1, 2]),
    RangeError,
    /expected 2 × 2 features and 2 targets, got 5 and 2/,
  );
  const blr = fitBayesianLinearRegression(Float64Array.of(1, 2), 2, 1, [1, 2]);
  expectThrows(
    () => blr.predict(new Float64Array(3), 2),
    RangeError,
    /expected 2 × 1 features, got 3/,
  );
});

test.run();
