import { stdNormalCdf, stdNormalPdf } from '../core/normal.js';
import type { Rng } from '../core/rng.js';
import { expectedImprovementScores } from '../gp/acquisition.js';

/** Acquisition functions BANANAS offers; every score is "lower is better" (we minimise error). */
export const ACQUISITIONS = [
  'its',
  'ucb',
  'ei',
  'pi',
  'ts',
  'mean',
  'percentile',
  'confidence',
] as const;
export type AcquisitionName = (typeof ACQUISITIONS)[number];

/** Options of `acquisitionScores`. */
export interface AcquisitionOptions {
  /** Exploration factor of 'ucb' (default 0.5, the reference's). */
  explore?: number;
  /** Calibration factor dividing σ in 'ei' (default 5, the reference's). */
  eiCalibration?: number;
  /** Best validation error among the training points, % (needed by 'ei' and 'pi'). */
  yMin?: number;
  /** Pre-drawn standard normal values for 'its', one per candidate (default: drawn from `rng`). */
  z?: ArrayLike<number>;
}

/**
 * Mean and population standard deviation (ddof 0, as the reference) over ensemble members.
 * `predictions[m][i]` is member m's prediction for candidate i.
 */
export function ensembleMoments(predictions: readonly Float64Array[]): {
  mean: Float64Array;
  std: Float64Array;
} {
  const m = predictions.length;
  if (m === 0) throw new RangeError('ensembleMoments: no ensemble members');
  const n = predictions[0]!.length;
  const mean = new Float64Array(n);
  const std = new Float64Array(n);
  for (const p of predictions) {
    if (p.length !== n)
      throw new RangeError(`ensembleMoments: members disagree on length (${p.length} vs ${n})`);
    for (let i = 0; i < n; i++) mean[i]! += p[i]! / m;
  }
  for (const p of predictions) for (let i = 0; i < n; i++) std[i]! += (p[i]! - mean[i]!) ** 2 / m;
  for (let i = 0; i < n; i++) std[i] = Math.sqrt(std[i]!);
  return { mean, std };
}

/**
 * Scores candidates from ensemble predictions (REFERENCE §1.9); lower is better.
 *
 * - its: one independent draw sᵢ ~ N(μᵢ, σᵢ) per candidate (independent Thompson sampling);
 * - ucb: μᵢ − explore·σᵢ (a lower confidence bound, since we minimise);
 * - ei: −σ'ᵢ(γᵢΦ(γᵢ) + φ(γᵢ)) with σ' = σ/5 and γ = (yMin − μ)/σ';
 * - pi: −Φ((yMin − μᵢ)/σᵢ);
 * - ts: the predictions of one ensemble member chosen uniformly;
 * - mean: μᵢ;
 * - percentile: the lowest member prediction (pure exploitation);
 * - confidence: μᵢ + 2σᵢ (pessimistic).
 *
 * A candidate with σ = 0 gets the limit of ei/pi (improvement if μ < yMin, else none).
 * A pool of one candidate works for every function (the reference crashes there, §1.11-10).
 */
export function acquisitionScores(
  name: AcquisitionName,
  predictions: readonly Float64Array[],
  rng: Rng,
  options: AcquisitionOptions = {},
): Float64Array {
  const { mean, std } = ensembleMoments(predictions);
  const n = mean.length;
  const out = new Float64Array(n);
  switch (name) {
    case 'its': {
      const z = options.z;
      if (z !== undefined && z.length !== n)
        throw new RangeError(`acquisitionScores: z has ${z.length} values for ${n} candidates`);
      for (let i = 0; i < n; i++)
        out[i] = mean[i]! + std[i]! * (z === undefined ? rng.normal() : z[i]!);
      return out;
    }
    case 'ucb': {
      const beta = options.explore ?? 0.5;
      for (let i = 0; i < n; i++) out[i] = mean[i]! - beta * std[i]!;
      return out;
    }
    case 'ei': {
      // σ' = σ / calibration, then the usual EI: −σ'(γΦ(γ) + φ(γ)) = −((yMin − μ)Φ(γ) + σ'φ(γ))
      const yMin = requireYMin(name, options);
      const c = options.eiCalibration ?? 5;
      return expectedImprovementScores(
        mean,
        std.map((s) => (s / c) ** 2),
        yMin,
      );
    }
    case 'pi': {
      const yMin = requireYMin(name, options);
      for (let i = 0; i < n; i++) {
        const s = std[i]!;
        out[i] = s === 0 ? -(mean[i]! < yMin ? 1 : 0) : -normalCdf((yMin - mean[i]!) / s);
      }
      return out;
    }
    case 'ts':
      out.set(predictions[rng.int(predictions.length)]!);
      return out;
    case 'mean':
      out.set(mean);
      return out;
    case 'percentile':
      out.fill(Infinity);
      for (const p of predictions) for (let i = 0; i < n; i++) if (p[i]! < out[i]!) out[i] = p[i]!;
      return out;
    case 'confidence':
      for (let i = 0; i < n; i++) out[i] = mean[i]! + 2 * std[i]!;
      return out;
    default:
      throw new Error(
        `acquisitionScores: unknown acquisition '${String(name)}'; valid: ${ACQUISITIONS.join(', ')}`,
      );
  }
}

/** Indices of the `k` lowest scores, ascending; ties keep the lower index (stable). */
export function lowestK(scores: Float64Array, k: number): number[] {
  const idx = Array.from(scores.keys());
  idx.sort((a, b) => scores[a]! - scores[b]! || a - b);
  return idx.slice(0, k);
}

function requireYMin(name: string, options: AcquisitionOptions): number {
  if (options.yMin === undefined || !Number.isFinite(options.yMin)) {
    throw new Error(`acquisitionScores: '${name}' needs yMin, the best training validation error`);
  }
  return options.yMin;
}

/** Standard normal density (alias of `stdNormalPdf`). */
export const normalPdf = stdNormalPdf;

/** Standard normal CDF (alias of `stdNormalCdf`). */
export const normalCdf = stdNormalCdf;
