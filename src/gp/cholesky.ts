/** Options of `cholesky`. */
export interface CholeskyOptions {
  /**
   * First jitter tried after the plain factorisation fails, relative to the mean of the
   * diagonal (default 1e-10). Each further try multiplies it by 10.
   */
  initialJitter: number;
  /** Tries with jitter after the plain one (default 10: up to 1e-1 × mean diagonal). */
  maxTries: number;
}

/** The default jitter schedule: 0, then 1e-10, 1e-9, …, 1e-1 times the mean diagonal. */
export const defaultCholeskyOptions: CholeskyOptions = { initialJitter: 1e-10, maxTries: 10 };

/** A lower-triangular factor L with L·Lᵀ = A + jitter·I. */
export interface CholeskyFactor {
  /** n × n, row-major; entries above the diagonal are 0. */
  l: Float64Array;
  n: number;
  /** Absolute jitter added to the diagonal to make the factorisation succeed (0 if none). */
  jitter: number;
}

/**
 * Cholesky factorisation of a symmetric n × n matrix (row-major; only the lower triangle is
 * read), retrying with a diagonal jitter that grows tenfold until the factorisation succeeds,
 * as GP codes do for kernel matrices that are positive semi-definite up to rounding. The jitter
 * used is reported in the result, never hidden.
 *
 * Throws RangeError when `a` does not hold n² entries, and Error when the matrix is not
 * positive definite even with the largest jitter (e.g. it holds NaN, or a clearly negative
 * eigenvalue).
 */
export function cholesky(
  a: Float64Array,
  n: number,
  options: Partial<CholeskyOptions> = {},
): CholeskyFactor {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n) {
    throw new RangeError(
      `cholesky: expected an ${n} × ${n} matrix (${n * n} entries), got ${a.length}`,
    );
  }
  const o = { ...defaultCholeskyOptions, ...options };
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += a[i * n + i]!;
  meanDiag = n > 0 ? Math.abs(meanDiag / n) : 1;
  if (!(meanDiag > 0)) meanDiag = 1;
  const l = new Float64Array(n * n);
  if (tryFactor(a, n, 0, l)) return { l, n, jitter: 0 };
  // (a floor keeps a denormal diagonal from giving a zero jitter)
  let jitter = Math.max(o.initialJitter * meanDiag, 1e-300);
  for (let t = 0; t < o.maxTries; t++, jitter *= 10) {
    if (tryFactor(a, n, jitter, l)) return { l, n, jitter };
  }
  throw new Error(
    `cholesky: the ${n} × ${n} matrix is not positive definite even with jitter ${jitter / 10} ` +
      `(mean diagonal ${meanDiag})`,
  );
}

// Cholesky–Banachiewicz into `l`; false as soon as a pivot is not positive (or NaN).
function tryFactor(a: Float64Array, n: number, jitter: number, l: Float64Array): boolean {
  l.fill(0);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j]!;
      for (let k = 0; k < j; k++) s -= l[ri + k]! * l[rj + k]!;
      if (i === j) {
        s += jitter;
        if (!(s > 0)) return false;
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / l[rj + j]!;
      }
    }
  }
  return true;
}

/** Solves L·x = b for lower-triangular L (forward substitution); returns a new vector. */
export function solveLower(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const { l, n } = f;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const ri = i * n;
    for (let k = 0; k < i; k++) s -= l[ri + k]! * x[k]!;
    x[i] = s / l[ri + i]!;
  }
  return x;
}

/** Solves Lᵀ·x = b (back substitution); returns a new vector. */
export function solveUpper(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const { l, n } = f;
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** Solves (L·Lᵀ)·x = b; returns a new vector. */
export function choleskySolve(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  return solveUpper(f, solveLower(f, b));
}

/** log det(L·Lᵀ) = 2·Σ log Lᵢᵢ. */
export function choleskyLogDet(f: CholeskyFactor): number {
  let s = 0;
  for (let i = 0; i < f.n; i++) s += Math.log(f.l[i * f.n + i]!);
  return 2 * s;
}
