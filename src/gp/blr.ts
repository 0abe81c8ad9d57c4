import { cholesky, choleskyLogDet, choleskySolve, solveLower } from './cholesky.js';

/** Options of `fitBayesianLinearRegression`: the grids its evidence maximisation searches. */
export interface BlrOptions {
  /** Prior precisions α of the weights tried (default 10^−3 … 10^3, 13 values). */
  alphas: readonly number[];
  /** Noise precisions β tried (default 10^−1 … 10^5, 13 values). */
  betas: readonly number[];
}

const logGrid = (lo: number, hi: number, steps: number): number[] =>
  Array.from({ length: steps }, (_, i) => Math.pow(10, lo + ((hi - lo) * i) / (steps - 1)));

/** Default grids (in units of standardised targets and features). */
export const defaultBlrOptions: BlrOptions = {
  alphas: logGrid(-3, 3, 13),
  betas: logGrid(-1, 5, 13),
};

/** A fitted Bayesian linear regression. */
export interface BlrModel {
  /** Chosen prior precision of the weights. */
  alpha: number;
  /** Chosen noise precision. */
  beta: number;
  /** log p(y | Φ, α, β) at the chosen point. */
  logEvidence: number;
  /** Jitter the factorisation of A needed (0 normally). */
  jitter: number;
  /**
   * Predictive mean and variance (noise 1/β included, as pybnn's DNGO returns it) for `rows`
   * feature rows (rows × cols, row-major, the same columns as the fit).
   */
  predict(phi: Float64Array, rows: number): { mean: Float64Array; variance: Float64Array };
}

/**
 * Bayesian linear regression y = Φw + ε, w ~ N(0, α⁻¹I), ε ~ N(0, β⁻¹), the last stage of DNGO
 * (Snoek et al. 2015). With A = βΦᵀΦ + αI the posterior mean is m = βA⁻¹Φᵀy and the predictive
 * distribution at φ is N(φᵀm, 1/β + φᵀA⁻¹φ). α and β maximise the log evidence
 * (D/2) log α + (n/2) log β − β/2‖y − Φm‖² − α/2‖m‖² − ½ log|A| − (n/2) log 2π over a grid
 * (pybnn's DNGO with `do_mcmc=False` optimises the same evidence plus a weak prior; the grid
 * cannot diverge and needs no gradient).
 *
 * `phi` is rows × cols, row-major. Throws RangeError for mismatched sizes or an empty grid.
 */
export function fitBayesianLinearRegression(
  phi: Float64Array,
  rows: number,
  cols: number,
  y: ArrayLike<number>,
  options: Partial<BlrOptions> = {},
): BlrModel {
  const o = { ...defaultBlrOptions, ...options };
  if (rows < 1 || phi.length !== rows * cols || y.length !== rows) {
    throw new RangeError(
      `fitBayesianLinearRegression: expected ${rows} × ${cols} features and ${rows} targets, ` +
        `got ${phi.length} and ${y.length}`,
    );
  }
  if (o.alphas.length === 0 || o.betas.length === 0) {
    throw new RangeError('fitBayesianLinearRegression: empty α or β grid');
  }
  // sufficient statistics: ΦᵀΦ, Φᵀy, yᵀy
  const gram = new Float64Array(cols * cols);
  const phiY = new Float64Array(cols);
  let yy = 0;
  for (let r = 0; r < rows; r++) {
    const row = phi.subarray(r * cols, (r + 1) * cols);
    const yr = y[r]!;
    yy += yr * yr;
    for (let i = 0; i < cols; i++) {
      const v = row[i]!;
      if (v === 0) continue;
      phiY[i] += v * yr;
      for (let j = 0; j <= i; j++) gram[i * cols + j] += v * row[j]!;
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < i; j++) gram[j * cols + i] = gram[i * cols + j]!;
  }

  // evidence over the grid; ties keep the first
  let best: { alpha: number; beta: number; lev: number } | undefined;
  for (const alpha of o.alphas) {
    for (const beta of o.betas) {
      const { f, m } = posterior(gram, phiY, cols, alpha, beta);
      // ‖y − Φm‖² = yᵀy − 2mᵀΦᵀy + mᵀΦᵀΦm
      let mPy = 0;
      let mm = 0;
      let mGm = 0;
      for (let i = 0; i < cols; i++) {
        mPy += m[i]! * phiY[i]!;
        mm += m[i]! * m[i]!;
        let g = 0;
        for (let j = 0; j < cols; j++) g += gram[i * cols + j]! * m[j]!;
        mGm += m[i]! * g;
      }
      const resid = Math.max(0, yy - 2 * mPy + mGm);
      const lev =
        0.5 * cols * Math.log(alpha) +
        0.5 * rows * Math.log(beta) -
        0.5 * beta * resid -
        0.5 * alpha * mm -
        0.5 * choleskyLogDet(f) -
        0.5 * rows * Math.log(2 * Math.PI);
      if (best === undefined || lev > best.lev) best = { alpha, beta, lev };
    }
  }
  const { alpha, beta, lev } = best!;
  const { f, m } = posterior(gram, phiY, cols, alpha, beta);
  return {
    alpha,
    beta,
    logEvidence: lev,
    jitter: f.jitter,
    predict(p: Float64Array, n: number) {
      if (p.length !== n * cols) {
        throw new RangeError(`BlrModel.predict: expected ${n} × ${cols} features, got ${p.length}`);
      }
      const mean = new Float64Array(n);
      const variance = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const row = p.subarray(r * cols, (r + 1) * cols);
        let mu = 0;
        for (let i = 0; i < cols; i++) mu += row[i]! * m[i]!;
        const v = solveLower(f, row);
        let vv = 0;
        for (let i = 0; i < cols; i++) vv += v[i]! * v[i]!;
        mean[r] = mu;
        variance[r] = 1 / beta + vv;
      }
      return { mean, variance };
    },
  };
}

// A = βΦᵀΦ + αI = L·Lᵀ and m = βA⁻¹Φᵀy
function posterior(
  gram: Float64Array,
  phiY: Float64Array,
  cols: number,
  alpha: number,
  beta: number,
) {
  const a = new Float64Array(cols * cols);
  for (let i = 0; i < cols * cols; i++) a[i] = beta * gram[i]!;
  for (let i = 0; i < cols; i++) a[i * cols + i] += alpha;
  const f = cholesky(a, cols);
  const m = choleskySolve(f, phiY);
  for (let i = 0; i < cols; i++) m[i] *= beta;
  return { f, m };
}
