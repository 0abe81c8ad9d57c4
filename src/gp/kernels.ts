/** Hyper-parameters of the distance kernel k(a, b) = α²·exp(−d(a, b)/ℓ²). */
export interface KernelParams {
  /** ℓ (default 3, the reference's fixed value). */
  lengthScale: number;
  /** α (default 1.5). */
  amplitude: number;
}

/** The reference's fixed kernel hyper-parameters (REFERENCE §2.4): ℓ = 3, α = 1.5. */
export const defaultKernelParams: KernelParams = { lengthScale: 3, amplitude: 1.5 };

/**
 * Applies k = α²·exp(−d/ℓ²) elementwise to a matrix (or vector) of distances; returns a new
 * array of the same length. Note the reference divides the distance by ℓ², not ℓ: with ℓ = 3
 * an architecture 9 edits away is correlated by e⁻¹.
 *
 * For distances that are L1/Hamming distances between feature vectors (all those in
 * `distances.ts`) the kernel is positive semi-definite (a Laplace kernel), so its Gram matrix
 * can be Cholesky-factored (with at most a rounding-level jitter).
 *
 * Throws RangeError for a non-positive length scale or amplitude.
 */
export function distanceKernel(
  d: ArrayLike<number>,
  params: KernelParams = defaultKernelParams,
): Float64Array {
  const { lengthScale, amplitude } = params;
  if (!(lengthScale > 0) || !(amplitude > 0)) {
    throw new RangeError(
      `distanceKernel: lengthScale and amplitude must be > 0, got ${lengthScale}, ${amplitude}`,
    );
  }
  const a2 = amplitude * amplitude;
  const inv = 1 / (lengthScale * lengthScale);
  const k = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) k[i] = a2 * Math.exp(-d[i]! * inv);
  return k;
}

/**
 * The rows × cols matrix of distances between two lists of items (row-major), given a distance
 * function; with `b` omitted, the symmetric matrix of `a` against itself (diagonal d(x, x)).
 */
export function distanceMatrix<T>(
  a: readonly T[],
  b: readonly T[] | undefined,
  dist: (x: T, y: T) => number,
): Float64Array {
  if (b === undefined) {
    const n = a.length;
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      d[i * n + i] = dist(a[i]!, a[i]!);
      for (let j = 0; j < i; j++) {
        const v = dist(a[i]!, a[j]!);
        d[i * n + j] = v;
        d[j * n + i] = v;
      }
    }
    return d;
  }
  const d = new Float64Array(a.length * b.length);
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) d[i * b.length + j] = dist(a[i]!, b[j]!);
  }
  return d;
}
