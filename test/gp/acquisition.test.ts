import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import {
  expectedImprovementScores,
  sampledUcbScores,
  stdNormalCdf,
  stdNormalPdf,
} from '../../src/gp/acquisition.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

const argmin = (s: ArrayLike<number>): number => {
  let b = 0;
  for (let i = 1; i < s.length; i++) if (s[i]! < s[b]!) b = i;
  return b;
};

test('Φ and φ at known points', () => {
  // Φ(0) = 0.5, Φ(1.96) = 0.9750021, Φ(−3) = 0.0013499; φ(0) = 1/√(2π) = 0.3989423
  expectClose(stdNormalCdf(0), 0.5, 1e-7);
  expectClose(stdNormalCdf(1.96), 0.9750021, 2e-7);
  expectClose(stdNormalCdf(-3), 0.0013499, 2e-7);
  expectClose(stdNormalPdf(0), 0.3989423, 1e-7);
});

test('sampled UCB scores are sample mean − 0.5 · sample std and rank as the formula says', () => {
  // independent candidates: means (0, 0, 1), stds (1, 0.1, 0.1) → μ − 0.5σ = (−0.5, −0.05, 0.95).
  // With 1,000 samples the estimates are within a few hundredths (s.e. of the mean 1/√1000 ≈ 0.03)
  const cov = Float64Array.of(1, 0, 0, 0, 0.01, 0, 0, 0, 0.01);
  const { scores, jitter } = sampledUcbScores({ mean: Float64Array.of(0, 0, 1), cov }, new Rng(5));
  expectClose(scores[0]!, -0.5, 0.12, 'score 0');
  expectClose(scores[1]!, -0.05, 0.02, 'score 1');
  expectClose(scores[2]!, 0.95, 0.02, 'score 2');
  assert.is(jitter, 0);
  assert.is(argmin(scores), 0);
  // explore 0: pure sample mean, so the lowest mean wins
  const s0 = sampledUcbScores({ mean: Float64Array.of(0.3, 0, 1), cov }, new Rng(5), {
    explore: 0,
  }).scores;
  assert.is(argmin(s0), 1);
});

test('a zero posterior covariance gives scores equal to the mean (jitter reported)', () => {
  const { scores, jitter } = sampledUcbScores(
    { mean: Float64Array.of(3, 1, 2), cov: new Float64Array(9) },
    new Rng(1),
    { samples: 50 },
  );
  assert.ok(jitter > 0);
  for (const [i, m] of [3, 1, 2].entries()) expectClose(scores[i]!, m, 1e-4);
});

test('sampled UCB ranks like the analytic μ − 0.5σ when the gaps are wide (property)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.integer({ min: -20, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true })),
        { minLength: 2, maxLength: 8 },
      ),
      fc.integer(),
      (cands, seed) => {
        // means on a grid of 1 apart, stds ≤ 1: the estimation error (< 0.2) cannot reorder
        // candidates whose analytic scores differ by more than 0.5
        const mean = Float64Array.from(cands.map((c) => c[0]));
        const cov = new Float64Array(cands.length ** 2);
        cands.forEach((c, i) => (cov[i * cands.length + i] = c[1] * c[1]));
        const { scores } = sampledUcbScores({ mean, cov }, new Rng(seed));
        const analytic = cands.map((c) => c[0] - 0.5 * c[1]);
        for (let i = 0; i < cands.length; i++) {
          for (let j = 0; j < cands.length; j++) {
            if (analytic[i]! < analytic[j]! - 0.5 && !(scores[i]! < scores[j]!)) return false;
          }
        }
        return true;
      },
    ),
    { seed: FC_SEED, numRuns: 60 },
  );
});

test('expected improvement matches its closed form', () => {
  // μ = yBest, s = 1: EI = s·φ(0) = 0.3989423. μ = yBest − 1, s = 0: EI = 1. μ above yBest, s = 0: EI = 0.
  // μ = 10, s = 2, yBest = 9: z = −0.5, EI = −1·Φ(−0.5) + 2·φ(−0.5) = −0.3085375 + 2·0.3520653 = 0.3955931
  const s = expectedImprovementScores([5, 4, 6, 10], [1, 0, 0, 4], 5);
  expectClose(s[0]!, -0.3989423, 1e-6);
  expectClose(s[1]!, -1, 1e-12);
  assert.is(s[2], -0);
  const s2 = expectedImprovementScores([10], [4], 9);
  expectClose(s2[0]!, -0.3955931, 1e-6);
});

test('EI prefers lower means at equal spread and wider spread at equal means (property)', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.double({ min: 0.05, max: 3, noNaN: true }),
      fc.double({ min: 0.01, max: 2, noNaN: true }),
      (mu, s, gap) => {
        const a = expectedImprovementScores([mu, mu + gap], [s * s, s * s], 0);
        const b = expectedImprovementScores([mu, mu], [s * s, (s + gap) ** 2], 0);
        // far in the tail (|z| > 3) the spread's effect can fall below double precision
        const tail = Math.abs(mu) > 3 * s;
        return a[0]! <= a[1]! && b[1]! <= b[0]! && (tail || (a[0]! < a[1]! && b[1]! < b[0]!));
      },
    ),
    { seed: FC_SEED, numRuns: 200 },
  );
});

test('acquisitions reject mismatched shapes', () => {
  expectThrows(
    () => sampledUcbScores({ mean: Float64Array.of(1, 2), cov: new Float64Array(3) }, new Rng(0)),
    RangeError,
    /3 entries, expected 2²/,
  );
  expectThrows(
    () =>
      sampledUcbScores({ mean: Float64Array.of(1), cov: Float64Array.of(1) }, new Rng(0), {
        samples: 0,
      }),
    RangeError,
    /samples must be ≥ 1/,
  );
  expectThrows(
    () => expectedImprovementScores([1, 2], [1], 0),
    RangeError,
    /2 means but 1 variances/,
  );
});

test.run();
