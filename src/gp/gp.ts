import {
  cholesky,
  choleskyLogDet,
  choleskySolve,
  solveLower,
  type CholeskyFactor,
  type CholeskyOptions,
} from './cholesky.js';

/** Options of `GaussianProcess.fit`. */
export interface GpOptions {
  /**
   * Observation noise σ (standard deviation in standardised target units); σ² is added to the
   * kernel diagonal. Default 1e-5, the reference's value.
   */
  noise: number;
  /**
   * Standardise the targets (subtract the mean, divide by the population std, as sklearn's
   * StandardScaler does) before fitting; predictions are mapped back. Default true (reference).
   */
  standardize: boolean;
  /** Jitter schedule of the Cholesky factorisation. */
  cholesky: Partial<CholeskyOptions>;
}

/** The reference defaults: σ = 1e-5, standardised targets. */
export const defaultGpOptions: GpOptions = { noise: 1e-5, standardize: true, cholesky: {} };

/** Posterior mean and variance at m test points, in the units of the training targets. */
export interface GpPrediction {
  mean: Float64Array;
  /** Latent-function variance (no observation noise), never negative. */
  variance: Float64Array;
}

/** Joint posterior at m test points: mean and the m × m covariance (row-major), target units. */
export interface GpPosterior {
  mean: Float64Array;
  cov: Float64Array;
}

/**
 * Exact Gaussian-process regression on a precomputed kernel (the distance kernels of this
 * project are defined on architectures, not on vectors, so the caller builds the matrices).
 *
 * Model: y = f + ε, f ~ GP(0, k), ε ~ N(0, σ²), fitted on standardised targets. With
 * K = k(X, X) + σ²I = L·Lᵀ and α = K⁻¹y, the posterior at test points with cross-kernel
 * K* (m × n) and test kernel K** is mean = K*·α, cov = K** − K*·K⁻¹·K*ᵀ.
 *
 * Limitations: O(n³) fit, O(m·n² + m²·n) joint posterior; fine for the few hundred points of a
 * NAS run.
 */
export class GaussianProcess {
  /** Training points. */
  readonly n: number;
  /** Jitter the Cholesky factorisation had to add on top of σ² (0 when none). */
  readonly jitter: number;
  /** Mean subtracted from the targets (0 without standardisation). */
  readonly yMean: number;
  /** Scale the targets were divided by (1 without standardisation). */
  readonly yScale: number;
  /** log p(y | X) of the standardised targets under the fitted hyper-parameters. */
  readonly logMarginalLikelihood: number;

  private constructor(
    private readonly factor: CholeskyFactor,
    private readonly alpha: Float64Array,
    yMean: number,
    yScale: number,
    lml: number,
  ) {
    this.n = factor.n;
    this.jitter = factor.jitter;
    this.yMean = yMean;
    this.yScale = yScale;
    this.logMarginalLikelihood = lml;
  }

  /**
   * Fits the GP to n targets given their n × n kernel matrix (row-major). `kTrain` is not
   * modified. Throws RangeError for mismatched sizes or an empty training set, and TypeError
   * for a non-finite target or a negative/non-finite noise.
   */
  static fit(
    kTrain: Float64Array,
    y: ArrayLike<number>,
    options: Partial<GpOptions> = {},
  ): GaussianProcess {
    const o = { ...defaultGpOptions, ...options };
    const n = y.length;
    if (n === 0) throw new RangeError('GaussianProcess.fit: no training points');
    if (kTrain.length !== n * n) {
      throw new RangeError(
        `GaussianProcess.fit: kernel has ${kTrain.length} entries, expected ${n}² = ${n * n}`,
      );
    }
    if (!(o.noise >= 0) || !Number.isFinite(o.noise)) {
      throw new TypeError(`GaussianProcess.fit: noise must be a finite number ≥ 0, got ${o.noise}`);
    }
    // standardise: sklearn StandardScaler (population std; a constant target keeps scale 1)
    let yMean = 0;
    let yScale = 1;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(y[i]!)) {
        throw new TypeError(`GaussianProcess.fit: target ${i} is ${y[i]}`);
      }
    }
    if (o.standardize) {
      for (let i = 0; i < n; i++) yMean += y[i]!;
      yMean /= n;
      let s = 0;
      for (let i = 0; i < n; i++) s += (y[i]! - yMean) ** 2;
      const std = Math.sqrt(s / n);
      yScale = std > 0 ? std : 1;
    }
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) ys[i] = (y[i]! - yMean) / yScale;

    // factor: K + σ²I = L·Lᵀ (jitter on top only if needed)
    const k = Float64Array.from(kTrain);
    const s2 = o.noise * o.noise;
    for (let i = 0; i < n; i++) k[i * n + i] += s2;
    const factor = cholesky(k, n, o.cholesky);
    const alpha = choleskySolve(factor, ys);

    // evidence: −½ yᵀα − ½ log det K − n/2 log 2π
    let yAlpha = 0;
    for (let i = 0; i < n; i++) yAlpha += ys[i]! * alpha[i]!;
    const lml = -0.5 * yAlpha - 0.5 * choleskyLogDet(factor) - 0.5 * n * Math.log(2 * Math.PI);
    return new GaussianProcess(factor, alpha, yMean, yScale, lml);
  }

  /**
   * Posterior mean and variance at m test points. `kCross` is m × n (row i = k(test i, train)),
   * `kTestDiag` holds k(test i, test i). Variances are clamped at 0 against rounding.
   */
  predict(kCross: Float64Array, kTestDiag: ArrayLike<number>): GpPrediction {
    const m = kTestDiag.length;
    this.checkCross(kCross, m, 'predict');
    const n = this.n;
    const mean = new Float64Array(m);
    const variance = new Float64Array(m);
    const s2 = this.yScale * this.yScale;
    for (let i = 0; i < m; i++) {
      const row = kCross.subarray(i * n, (i + 1) * n);
      let mu = 0;
      for (let j = 0; j < n; j++) mu += row[j]! * this.alpha[j]!;
      const v = solveLower(this.factor, row);
      let vv = 0;
      for (let j = 0; j < n; j++) vv += v[j]! * v[j]!;
      mean[i] = mu * this.yScale + this.yMean;
      variance[i] = Math.max(0, kTestDiag[i]! - vv) * s2;
    }
    return { mean, variance };
  }

  /**
   * Joint posterior at m test points: `kCross` m × n, `kTest` m × m (row-major). The
   * covariance is symmetric with a diagonal clamped at 0; it is positive semi-definite up to
   * rounding, so sample from it through `cholesky` (which adds jitter when needed).
   */
  posterior(kCross: Float64Array, kTest: Float64Array): GpPosterior {
    const m = Math.round(Math.sqrt(kTest.length));
    if (m * m !== kTest.length) {
      throw new RangeError(
        `GaussianProcess.posterior: kTest has ${kTest.length} entries, not a square`,
      );
    }
    this.checkCross(kCross, m, 'posterior');
    const n = this.n;
    const mean = new Float64Array(m);
    const vs: Float64Array[] = [];
    for (let i = 0; i < m; i++) {
      const row = kCross.subarray(i * n, (i + 1) * n);
      let mu = 0;
      for (let j = 0; j < n; j++) mu += row[j]! * this.alpha[j]!;
      mean[i] = mu * this.yScale + this.yMean;
      vs.push(solveLower(this.factor, row));
    }
    const s2 = this.yScale * this.yScale;
    const cov = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      const vi = vs[i]!;
      for (let j = 0; j <= i; j++) {
        const vj = vs[j]!;
        let dot = 0;
        for (let t = 0; t < n; t++) dot += vi[t]! * vj[t]!;
        let c = (0.5 * (kTest[i * m + j]! + kTest[j * m + i]!) - dot) * s2;
        if (i === j) c = Math.max(0, c);
        cov[i * m + j] = c;
        cov[j * m + i] = c;
      }
    }
    return { mean, cov };
  }

  private checkCross(kCross: Float64Array, m: number, what: string): void {
    if (kCross.length !== m * this.n) {
      throw new RangeError(
        `GaussianProcess.${what}: kCross has ${kCross.length} entries, expected ${m} test × ${this.n} training = ${m * this.n}`,
      );
    }
  }
}
