import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { GaussianProcess } from '../../src/gp/gp.js';
import { fitKernelHyper } from '../../src/gp/hyper.js';
import { distanceKernel, distanceMatrix } from '../../src/gp/kernels.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

const hamming = (a: number[], b: number[]): number =>
  a.reduce((s, v, i) => s + (v !== b[i] ? 1 : 0), 0);
const cellArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 });
const key = (c: number[]): string => c.join(',');

// distinct cells with targets
const dataArb = fc
  .uniqueArray(cellArb, { minLength: 1, maxLength: 20, selector: key })
  .chain((cells) =>
    fc.tuple(
      fc.constant(cells),
      fc.array(fc.double({ min: 5, max: 20, noNaN: true }), {
        minLength: cells.length,
        maxLength: cells.length,
      }),
    ),
  );

test('one training point: posterior worked by hand', () => {
  // K = [[1]], σ = 0, y = [2], no standardisation: α = 2; at a test point with k* = 0.5, k** = 1:
  // mean = 0.5·2 = 1, variance = 1 − 0.5² = 0.75; log p(y) = −½·2·2 − ½ log 1 − ½ log 2π
  const gp = GaussianProcess.fit(Float64Array.of(1), [2], { noise: 0, standardize: false });
  const p = gp.predict(Float64Array.of(0.5), [1]);
  expectClose(p.mean[0]!, 1, 1e-15);
  expectClose(p.variance[0]!, 0.75, 1e-15);
  expectClose(gp.logMarginalLikelihood, -2 - 0.5 * Math.log(2 * Math.PI), 1e-12);
});

test('standardised targets: mean and population std as sklearn StandardScaler', () => {
  // y = [1, 3]: mean 2, population std 1
  const gp = GaussianProcess.fit(Float64Array.of(1, 0, 0, 1), [1, 3]);
  assert.is(gp.yMean, 2);
  assert.is(gp.yScale, 1);
  // a point uncorrelated with both: prior mean (the target mean) and prior variance k** · scale²
  const p = gp.predict(Float64Array.of(0, 0), [2.25]);
  expectClose(p.mean[0]!, 2, 1e-12);
  expectClose(p.variance[0]!, 2.25, 1e-12);
});

test('with small noise the posterior interpolates its training points (property)', () => {
  fc.assert(
    fc.property(dataArb, fc.double({ min: 1, max: 5, noNaN: true }), ([cells, y], lengthScale) => {
      const d = distanceMatrix(cells, undefined, hamming);
      const k = distanceKernel(d, { lengthScale, amplitude: 1.5 });
      const gp = GaussianProcess.fit(k, y, { noise: 1e-5 });
      const diag = cells.map(() => 2.25);
      const p = gp.predict(k, diag);
      for (let i = 0; i < cells.length; i++) {
        if (Math.abs(p.mean[i]! - y[i]!) > 1e-4 * Math.max(1, gp.yScale)) return false;
        if (p.variance[i]! > 1e-4 * gp.yScale * gp.yScale) return false;
      }
      return true;
    }),
    { seed: FC_SEED, numRuns: 100 },
  );
});

test('GP variance is never negative and never above the prior (property)', () => {
  fc.assert(
    fc.property(
      dataArb,
      fc.array(cellArb, { minLength: 1, maxLength: 15 }),
      fc.constantFrom(1e-5, 1e-2, 0.5),
      ([cells, y], tests, noise) => {
        const params = { lengthScale: 3, amplitude: 1.5 };
        const gp = GaussianProcess.fit(
          distanceKernel(distanceMatrix(cells, undefined, hamming), params),
          y,
          { noise },
        );
        const kc = distanceKernel(distanceMatrix(tests, cells, hamming), params);
        const kt = distanceKernel(distanceMatrix(tests, undefined, hamming), params);
        const p = gp.predict(
          kc,
          tests.map(() => 2.25),
        );
        const post = gp.posterior(kc, kt);
        const prior = 2.25 * gp.yScale * gp.yScale;
        for (let i = 0; i < tests.length; i++) {
          if (!(p.variance[i]! >= 0) || p.variance[i]! > prior * (1 + 1e-9)) return false;
          const m = tests.length;
          if (!(post.cov[i * m + i]! >= 0)) return false;
          // joint and marginal agree
          if (Math.abs(post.cov[i * m + i]! - p.variance[i]!) > 1e-9 * prior) return false;
          if (Math.abs(post.mean[i]! - p.mean[i]!) > 1e-9 * Math.max(1, Math.abs(p.mean[i]!)))
            return false;
        }
        return true;
      },
    ),
    { seed: FC_SEED, numRuns: 100 },
  );
});

test('the marginal-likelihood fit needs noise when one cell has two different targets', () => {
  // cell A twice, with targets 10 and 12: an interpolating GP (σ = 1e-5) cannot explain both,
  // so the evidence must prefer a larger noise
  const cells = [
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 1],
    [2, 2, 2, 2, 2, 2],
    [0, 0, 0, 1, 1, 1],
  ];
  const y = [10, 12, 15, 18, 13];
  const fit = fitKernelHyper(distanceMatrix(cells, undefined, hamming), y);
  assert.ok(fit.noise > 1e-3, `noise ${fit.noise}`);
  // a smooth target (linear in the number of 1-ops) on distinct cells needs no noise
  const smooth = [
    [0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0],
    [1, 1, 0, 0, 0, 0],
    [1, 1, 1, 0, 0, 0],
    [1, 1, 1, 1, 0, 0],
    [1, 1, 1, 1, 1, 0],
  ];
  const fit2 = fitKernelHyper(
    distanceMatrix(smooth, undefined, hamming),
    smooth.map((c) => 10 + c.reduce((a, b) => a + b, 0)),
  );
  assert.ok(fit2.noise <= 1e-2, `noise ${fit2.noise}`);
  assert.ok(fit2.logMarginalLikelihood > fit.logMarginalLikelihood);
});

test('fit and predict reject bad input', () => {
  expectThrows(
    () => GaussianProcess.fit(new Float64Array(0), []),
    RangeError,
    /no training points/,
  );
  expectThrows(
    () => GaussianProcess.fit(new Float64Array(3), [1, 2]),
    RangeError,
    /3 entries, expected 2² = 4/,
  );
  expectThrows(() => GaussianProcess.fit(Float64Array.of(1), [NaN]), TypeError, /target 0 is NaN/);
  expectThrows(
    () => GaussianProcess.fit(Float64Array.of(1), [1], { noise: -1 }),
    TypeError,
    /noise must be/,
  );
  const gp = GaussianProcess.fit(Float64Array.of(1, 0, 0, 1), [1, 2]);
  expectThrows(
    () => gp.predict(new Float64Array(3), [1, 1]),
    RangeError,
    /expected 2 test × 2 training = 4/,
  );
  expectThrows(
    () => fitKernelHyper(new Float64Array(4), [1, 2], { noises: [] }),
    RangeError,
    /non-empty/,
  );
});

test.run();
