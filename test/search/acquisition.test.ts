import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import {
  ACQUISITIONS,
  acquisitionScores,
  ensembleMoments,
  lowestK,
  normalCdf,
  normalPdf,
} from '../../src/search/acquisition.js';
import { expectClose, FC_SEED } from '../helpers.js';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
/** Member-major predictions from candidate-major rows. */
const byMember = (rows: number[][]): Float64Array[] =>
  rows[0]!.map((_, m) => f64(rows.map((r) => r[m]!)));

test('B25: ITS uses the population std and one draw per candidate, and picks c2', () => {
  // c1 = [5,5,5,5,5]: mean 5, std 0. c2 = [4,6,4,6,5]: mean 5, population variance
  // (1+1+1+1+0)/5 = 0.8, std 0.894427 (the sample std, sqrt(4/4) = 1, would give 4.0).
  const preds = byMember([
    [5, 5, 5, 5, 5],
    [4, 6, 4, 6, 5],
  ]);
  const { mean, std } = ensembleMoments(preds);
  expectClose(mean[1]!, 5, 1e-12, 'mean c2');
  expectClose(std[1]!, Math.sqrt(0.8), 1e-12, 'std c2');

  const s = acquisitionScores('its', preds, new Rng(0), { z: [0, -1] });

  expectClose(s[0]!, 5, 1e-12, 'sample c1');
  expectClose(s[1]!, 4.105573, 1e-6, 'sample c2');
  assert.equal(lowestK(s, 1), [1]);
});

test('ucb is mean − 0.5·std (lower confidence bound, we minimise)', () => {
  const preds = byMember([
    [4, 6, 4, 6, 5],
    [4.5, 4.5, 4.5, 4.5, 4.5],
  ]);
  const s = acquisitionScores('ucb', preds, new Rng(0));
  expectClose(s[0]!, 5 - 0.5 * Math.sqrt(0.8), 1e-12);
  expectClose(s[1]!, 4.5, 1e-12);
});

test('ei follows −σ′(γΦ(γ) + φ(γ)) with σ′ = σ/5 and pi follows −Φ((yMin − μ)/σ)', () => {
  // candidate: mean 5, std sqrt(0.8); yMin = 5.2 → σ′ = 0.178885, γ = 0.2/0.178885 = 1.118034
  const preds = byMember([[4, 6, 4, 6, 5]]);
  const sigma = Math.sqrt(0.8) / 5;
  const g = 0.2 / sigma;
  const ei = acquisitionScores('ei', preds, new Rng(0), { yMin: 5.2 });
  expectClose(ei[0]!, -sigma * (g * normalCdf(g) + normalPdf(g)), 1e-12, 'ei');
  // Φ(1.118034) = 0.868224 (table value), φ(1.118034) = exp(−0.625)/√(2π) = 0.213538:
  // EI = 0.178885·(1.118034·0.868224 + 0.213538) = 0.178885·1.184241 = 0.211843
  expectClose(-ei[0]!, 0.211843, 2e-6, 'ei by hand');
  const pi = acquisitionScores('pi', preds, new Rng(0), { yMin: 5.2 });
  // Φ(0.2 / 0.894427) = Φ(0.223607) = 0.588468
  expectClose(-pi[0]!, 0.588468, 2e-6, 'pi by hand');
});

test('ei and pi need yMin and say so', () => {
  const preds = byMember([[1, 2]]);
  assert.throws(() => acquisitionScores('ei', preds, new Rng(0)), /yMin/);
  assert.throws(() => acquisitionScores('pi', preds, new Rng(0)), /yMin/);
});

test('ts returns exactly one member’s predictions; mean returns the ensemble mean', () => {
  const preds = byMember([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const s = acquisitionScores('ts', preds, new Rng(11));
  assert.ok(
    preds.some((p) => p[0] === s[0] && p[1] === s[1]),
    'ts output is one member',
  );
  const m = acquisitionScores('mean', preds, new Rng(0));
  assert.equal(Array.from(m), [2, 5]);
});

test('percentile is the lowest member prediction; confidence is mean + 2·std', () => {
  const preds = byMember([
    [4, 6, 4, 6, 5],
    [3, 3, 3, 3, 3],
  ]);
  assert.equal(Array.from(acquisitionScores('percentile', preds, new Rng(0))), [4, 3]);
  const c = acquisitionScores('confidence', preds, new Rng(0));
  expectClose(c[0]!, 5 + 2 * Math.sqrt(0.8), 1e-12);
  expectClose(c[1]!, 3, 1e-12);
});

test('every acquisition works on a pool of one candidate (reference bug §1.11-10)', () => {
  const preds = byMember([[4, 6, 5]]);
  for (const name of ACQUISITIONS) {
    const s = acquisitionScores(name, preds, new Rng(1), { yMin: 4.5 });
    assert.is(s.length, 1, name);
    assert.ok(Number.isFinite(s[0]!), name);
  }
});

test('zero spread: ei and pi take their limits instead of NaN', () => {
  const preds = byMember([
    [5, 5],
    [4, 4],
  ]);
  const ei = acquisitionScores('ei', preds, new Rng(0), { yMin: 4.5 });
  assert.equal(Array.from(ei), [-0, -0.5]);
  const pi = acquisitionScores('pi', preds, new Rng(0), { yMin: 4.5 });
  assert.equal(Array.from(pi), [-0, -1]);
});

test('property: moments are bounded and lowestK ranks ascending with stable ties', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 3, maxLength: 3 }),
        { minLength: 1, maxLength: 20 },
      ),
      (rows) => {
        const preds = byMember(rows);
        const { mean, std } = ensembleMoments(preds);
        for (let i = 0; i < rows.length; i++) {
          const lo = Math.min(...rows[i]!);
          const hi = Math.max(...rows[i]!);
          if (!(
            mean[i]! >= lo - 1e-9 &&
            mean[i]! <= hi + 1e-9 &&
            std[i]! >= 0 &&
            std[i]! <= hi - lo + 1e-9
          ))
            return false;
        }
        const order = lowestK(mean, rows.length);
        for (let j = 1; j < order.length; j++) {
          const a = mean[order[j - 1]!]!;
          const b = mean[order[j]!]!;
          if (a > b || (a === b && order[j - 1]! > order[j]!)) return false;
        }
        return true;
      },
    ),
    { seed: FC_SEED, numRuns: 200 },
  );
});

test('normalCdf matches table values to 1e-7', () => {
  // Φ(0) = 0.5, Φ(1) = 0.8413447, Φ(−1.96) = 0.0249979, Φ(3) = 0.9986501
  expectClose(normalCdf(0), 0.5, 1e-7);
  expectClose(normalCdf(1), 0.8413447, 1e-7);
  expectClose(normalCdf(-1.96), 0.0249979, 1e-7);
  expectClose(normalCdf(3), 0.9986501, 1e-7);
});

test.run();
