import { GaussianProcess } from './gp.js';
import { distanceKernel } from './kernels.js';

/** Options of `fitKernelHyper`: the grid searched, and the fixed amplitude. */
export interface HyperFitOptions {
  /** Length scales ℓ tried (default 12 values log-spaced over 0.5 … 20). */
  lengthScales: readonly number[];
  /** Noise standard deviations σ tried, standardised units (default 1e-5 … 1, 6 values). */
  noises: readonly number[];
  /** α, kept fixed (default 1.5, the reference's value). */
  amplitude: number;
}

/** Default grid. */
export const defaultHyperFitOptions: HyperFitOptions = {
  lengthScales: Array.from({ length: 12 }, (_, i) => 0.5 * Math.pow(40, i / 11)),
  noises: [1e-5, 1e-3, 1e-2, 0.1, 0.3, 1],
  amplitude: 1.5,
};

/** The hyper-parameters `fitKernelHyper` chose. */
export interface HyperFit {
  lengthScale: number;
  noise: number;
  amplitude: number;
  /** log p(y | X) at the chosen point (standardised targets). */
  logMarginalLikelihood: number;
}

/**
 * Chooses the kernel length scale ℓ and noise σ of a GP on standardised targets by maximising
 * the log marginal likelihood over a grid (the reference keeps ℓ = 3, σ = 1e-5 fixed; this is
 * the optional alternative). `distances` is the n × n training distance matrix.
 *
 * A grid rather than gradient ascent: the distances are integers on a small range, the
 * evidence is smooth in log ℓ, and a grid can't diverge. Ties keep the first grid point.
 *
 * Throws RangeError for an empty grid or a distance matrix that is not n × n.
 */
export function fitKernelHyper(
  distances: Float64Array,
  y: ArrayLike<number>,
  options: Partial<HyperFitOptions> = {},
): HyperFit {
  const o = { ...defaultHyperFitOptions, ...options };
  if (o.lengthScales.length === 0 || o.noises.length === 0) {
    throw new RangeError('fitKernelHyper: the lengthScales and noises grids must be non-empty');
  }
  if (distances.length !== y.length * y.length) {
    throw new RangeError(
      `fitKernelHyper: distances have ${distances.length} entries, expected ${y.length}²`,
    );
  }
  let best: HyperFit | undefined;
  for (const lengthScale of o.lengthScales) {
    const k = distanceKernel(distances, { lengthScale, amplitude: o.amplitude });
    for (const noise of o.noises) {
      const gp = GaussianProcess.fit(k, y, { noise });
      const lml = gp.logMarginalLikelihood;
      if (best === undefined || lml > best.logMarginalLikelihood) {
        best = { lengthScale, noise, amplitude: o.amplitude, logMarginalLikelihood: lml };
      }
    }
  }
  return best!;
}
