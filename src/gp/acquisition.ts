import { stdNormalCdf, stdNormalPdf } from '../core/normal.js';
import type { Rng } from '../core/rng.js';
import { cholesky } from './cholesky.js';
import type { GpPosterior } from './gp.js';

/** GP acquisition functions; lower score = better (we minimise validation error). */
export const GP_ACQUISITIONS = ['ucb', 'ei'] as const;
export type GpAcquisitionName = (typeof GP_ACQUISITIONS)[number];

/** Options of `sampledUcbScores`. */
export interface SampledUcbOptions {
  /** Joint posterior samples drawn (default 1,000, the reference's). */
  samples: number;
  /** Weight of the sample std (default 0.5). */
  explore: number;
}

/** Reference defaults: 1,000 samples, explore 0.5. */
export const defaultSampledUcbOptions: SampledUcbOptions = { samples: 1000, explore: 0.5 };

/** Scores plus the jitter the covariance factorisation needed. */
export interface SampledScores {
  scores: Float64Array;
  jitter: number;
}

/**
 * The reference's GP acquisition (`mygpdistmat_ucb`, REFERENCE §2.4): draw `samples` joint
 * samples f ~ N(mean, cov) over the m candidates (f = mean + L·z with L·Lᵀ = cov + jitter, z
 * standard normal by Box–Muller from `rng`),
 * and score each candidate by sample mean − explore · sample std (population std, as NumPy's
 * default). Despite its name this is a lower confidence bound; the candidate with the lowest
 * score is chosen.
 *
 * Throws RangeError when the covariance is not m × m.
 */
export function sampledUcbScores(
  posterior: GpPosterior,
  rng: Rng,
  options: Partial<SampledUcbOptions> = {},
): SampledScores {
  const o = { ...defaultSampledUcbOptions, ...options };
  const { mean, cov } = posterior;
  const m = mean.length;
  if (cov.length !== m * m) {
    throw new RangeError(`sampledUcbScores: covariance has ${cov.length} entries, expected ${m}²`);
  }
  if (!Number.isInteger(o.samples) || o.samples < 1) {
    throw new RangeError(`sampledUcbScores: samples must be ≥ 1, got ${o.samples}`);
  }
  // factor: a posterior covariance is PSD only up to rounding, so cholesky adds jitter when needed
  const f = cholesky(cov, m, { initialJitter: 1e-10 });
  const l = f.l;
  // draw: Z is m × S standard normals (Box–Muller, both variates of each pair used)
  const S = o.samples;
  const z = new Float64Array(m * S);
  for (let t = 0; t < z.length; t += 2) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * rng.next();
    z[t] = r * Math.cos(a);
    if (t + 1 < z.length) z[t + 1] = r * Math.sin(a);
  }
  // sample: row i of F = mean_i + Σ_{k ≤ i} L_ik · Z_k (contiguous over the samples)
  const row = new Float64Array(S);
  const scores = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    row.fill(mean[i]!);
    const ri = i * m;
    for (let k = 0; k <= i; k++) {
      const lik = l[ri + k]!;
      if (lik === 0) continue;
      const zk = k * S;
      for (let s = 0; s < S; s++) row[s] += lik * z[zk + s]!;
    }
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < S; s++) {
      sum += row[s]!;
      sumSq += row[s]! * row[s]!;
    }
    const mu = sum / S;
    scores[i] = mu - o.explore * Math.sqrt(Math.max(0, sumSq / S - mu * mu));
  }
  return { scores, jitter: f.jitter };
}

/**
 * Expected-improvement scores for minimisation: with s = √variance and z = (yBest − μ)/s,
 * EI = (yBest − μ)·Φ(z) + s·φ(z) (and max(yBest − μ, 0) where s = 0); returns −EI so that
 * lower is better like every other score here. `yBest` is the lowest observed target.
 */
export function expectedImprovementScores(
  mean: ArrayLike<number>,
  variance: ArrayLike<number>,
  yBest: number,
): Float64Array {
  if (mean.length !== variance.length) {
    throw new RangeError(
      `expectedImprovementScores: ${mean.length} means but ${variance.length} variances`,
    );
  }
  const out = new Float64Array(mean.length);
  for (let i = 0; i < mean.length; i++) {
    const s = Math.sqrt(Math.max(0, variance[i]!));
    const d = yBest - mean[i]!;
    if (s === 0) {
      out[i] = -Math.max(d, 0);
      continue;
    }
    const z = d / s;
    out[i] = -(d * stdNormalCdf(z) + s * stdNormalPdf(z));
  }
  return out;
}

export { stdNormalCdf, stdNormalPdf } from '../core/normal.js';
