import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { cholesky, choleskyLogDet, choleskySolve } from '../../src/gp/cholesky.js';
import { distanceKernel, distanceMatrix } from '../../src/gp/kernels.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

// L·Lᵀ, row-major n × n
function reconstruct(l: Float64Array, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
      a[i * n + j] = s;
    }
  }
  return a;
}

const hamming = (a: number[], b: number[]): number =>
  a.reduce((s, v, i) => s + (v !== b[i] ? 1 : 0), 0);

test('a 2×2 matrix factors as worked by hand', () => {
  // [[4,2],[2,3]]: L00 = √4 = 2, L10 = 2/2 = 1, L11 = √(3 − 1²) = √2
  const f = cholesky(Float64Array.from([4, 2, 2, 3]), 2);
  expectClose(f.l[0]!, 2, 1e-15);
  assert.is(f.l[1], 0);
  expectClose(f.l[2]!, 1, 1e-15);
  expectClose(f.l[3]!, Math.SQRT2, 1e-15);
  assert.is(f.jitter, 0);
  // log det = log(4·3 − 2·2) = log 8
  expectClose(choleskyLogDet(f), Math.log(8), 1e-12);
});

test('L·Lᵀ rebuilds the kernel matrix of random NB201-like cells (property)', () => {
  const cell = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 });
  fc.assert(
    fc.property(
      fc.array(cell, { minLength: 1, maxLength: 25 }),
      fc.double({ min: 0.5, max: 10, noNaN: true }),
      (cells, lengthScale) => {
        const n = cells.length;
        const k = distanceKernel(distanceMatrix(cells, undefined, hamming), {
          lengthScale,
          amplitude: 1.5,
        });
        const f = cholesky(k, n);
        const back = reconstruct(f.l, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const want = k[i * n + j]! + (i === j ? f.jitter : 0);
            if (Math.abs(back[i * n + j]! - want) > 1e-9) return false;
          }
        }
        return true;
      },
    ),
    { seed: FC_SEED, numRuns: 150 },
  );
});

test('a singular matrix (duplicate cells) needs jitter, and the jitter is reported', () => {
  // three identical cells: every kernel entry is α² = 2.25, rank 1, so the plain factorisation
  // hits a zero pivot and the retry adds jitter
  const k = new Float64Array(9).fill(2.25);
  const f = cholesky(k, 3);
  assert.ok(f.jitter > 0, `jitter ${f.jitter}`);
  assert.ok(f.jitter <= 2.25 * 1e-6, `jitter ${f.jitter} larger than needed`);
  const back = reconstruct(f.l, 3);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      expectClose(back[i * 3 + j]!, 2.25 + (i === j ? f.jitter : 0), 1e-12);
});

test('choleskySolve solves A·x = b', () => {
  // A = [[4,2],[2,3]], b = [2, 1]: det 8, x = [(3·2 − 2·1)/8, (4·1 − 2·2)/8] = [0.5, 0]
  const x = choleskySolve(cholesky(Float64Array.from([4, 2, 2, 3]), 2), [2, 1]);
  expectClose(x[0]!, 0.5, 1e-15);
  expectClose(x[1]!, 0, 1e-15);
});

test('rejects a wrong size, NaN and a clearly indefinite matrix', () => {
  expectThrows(
    () => cholesky(new Float64Array(5), 2),
    RangeError,
    /2 × 2 matrix \(4 entries\), got 5/,
  );
  expectThrows(
    () => cholesky(Float64Array.from([1, NaN, NaN, 1]), 2),
    Error,
    /not positive definite/,
  );
  // eigenvalues 3 and −1: no jitter up to 0.1 × mean diagonal rescues it
  expectThrows(
    () => cholesky(Float64Array.from([1, 2, 2, 1]), 2),
    Error,
    /not positive definite even with jitter/,
  );
});

test.run();
