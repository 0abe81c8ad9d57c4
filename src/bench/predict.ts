import { ConfigError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { kendallTau, mean, pearson, standardError } from '../core/stats.js';
import { encodingDistance, featureDistance } from '../gp/distances.js';
import { GaussianProcess } from '../gp/gp.js';
import { fitKernelHyper } from '../gp/hyper.js';
import { distanceKernel, distanceMatrix } from '../gp/kernels.js';
import { defaultEnsembleOptions, trainEnsemble } from '../nn/ensemble.js';
import type { EnsembleOptions, EnsembleTrainer } from '../nn/types.js';
import { ensembleMoments } from '../search/acquisition.js';
import { sampleUnseen } from '../search/sampling.js';
import { checkEncoding } from '../space/check-encoding.js';
import type { SearchSpace } from '../space/types.js';
import type { Oracle } from './oracle.js';

/** Predictors `evaluatePredictors` can compare. */
export const PREDICT_MODELS = ['ensemble', 'gp'] as const;
export type PredictModel = (typeof PREDICT_MODELS)[number];

/** Options of `evaluatePredictors`. */
export interface PredictOptions<A> {
  /** The space the architectures are drawn from (default: `oracle.space`). */
  space?: SearchSpace<A>;
  /** Looked up with `peek` only: no query budget is spent. */
  oracle: Oracle<A>;
  /** Training-set sizes (default [20, 50, 100, 200]); the sets are nested within a repeat. */
  trainSizes?: readonly number[];
  /** Held-out architectures per repeat, disjoint from the training set (default 500). */
  testSize?: number;
  /** Encodings compared (default ['path', 'adjacency'], those the space offers). */
  encodings?: readonly string[];
  /** Independent draws of (train, test) sets (default 3). */
  repeats?: number;
  /** Predictors (default ['ensemble', 'gp']). */
  models?: readonly PredictModel[];
  rng: Rng;
  /** The ensemble (default: the reference's 5 × MLP 10×20, MAE, 150 epochs, Adam lr 0.01). */
  ensemble?: Partial<EnsembleOptions>;
  /** Ensemble trainer (default `trainEnsemble`; tests inject a fast one). */
  trainer?: EnsembleTrainer;
  /**
   * The GP: kernel α²·exp(−d/ℓ²) on the number of differing encoding entries (Hamming for
   * path encodings). Default the reference's fixed ℓ = 3, α = 1.5, σ = 1e-5; `fitHyper`
   * chooses ℓ and σ by marginal likelihood.
   */
  gp?: { lengthScale?: number; amplitude?: number; noise?: number; fitHyper?: boolean };
}

/** One (model, encoding, train size) cell of the report: means over repeats. */
export interface PredictRow {
  model: PredictModel;
  encoding: string;
  trainSize: number;
  /** Mean absolute error on the held-out set, % validation error (mean over repeats). */
  mae: number;
  /** Standard error of `mae` over repeats (0 for one repeat). */
  maeSe: number;
  /** Pearson correlation of prediction and truth (mean over repeats). */
  pearson: number;
  /** Kendall τ-b (mean over repeats). */
  kendall: number;
  /** Share of held-out truths within mean ± 1 predicted std (ensemble spread / GP std). */
  coverage1: number;
  /** Same within ± 2 std. */
  coverage2: number;
  /** Mean wall time of one fit + prediction, seconds. */
  seconds: number;
}

/** What `evaluatePredictors` returns. */
export interface PredictReport {
  space: string;
  dataset: string;
  /** What the targets are. */
  target: string;
  trainSizes: number[];
  testSize: number;
  repeats: number;
  rows: PredictRow[];
}

/**
 * Measures how well the predictors rank and fit architectures they have not seen (the paper's
 * predictor experiment, REFERENCE §1.8 "Predictor-accuracy experiment", extended): for each
 * repeat, draws `testSize` distinct random architectures and, disjoint from them, a training set
 * of max(trainSizes) (nested: the first n form the size-n set); every model is trained on every
 * (encoding, n) and scored on the held-out set by MAE, Pearson, Kendall τ and the coverage of
 * mean ± 1 and ± 2 predicted standard deviations. Targets are validation errors (%), looked up
 * with `oracle.peek` (no budget spent). All encodings and models see the same architectures in a
 * repeat, so their comparison is paired.
 *
 * Throws ConfigError for an unknown model or encoding, a non-positive size, or a space too small
 * to hold the disjoint sets.
 */
export async function evaluatePredictors<A>(options: PredictOptions<A>): Promise<PredictReport> {
  const space = options.space ?? options.oracle.space;
  const trainSizes = [...(options.trainSizes ?? [20, 50, 100, 200])];
  const testSize = options.testSize ?? 500;
  const repeats = options.repeats ?? 3;
  const models = [...(options.models ?? PREDICT_MODELS)];
  const defaultEncodings = ['path', 'adjacency'].filter((e) => space.encodings.includes(e));
  const encodings = [...(options.encodings ?? defaultEncodings)];
  const ens: EnsembleOptions = { ...defaultEnsembleOptions, ...(options.ensemble ?? {}) };
  const trainer = options.trainer ?? trainEnsemble;
  const gpo = {
    lengthScale: 3,
    amplitude: 1.5,
    noise: 1e-5,
    fitHyper: false,
    ...(options.gp ?? {}),
  };
  const { rng, oracle } = options;

  // check: sizes, names
  for (const n of [...trainSizes, testSize, repeats]) {
    if (!Number.isInteger(n) || n < 1) {
      throw new ConfigError(
        `evaluatePredictors: sizes and repeats must be positive integers, got ${n}`,
      );
    }
  }
  for (const m of models) {
    if (!(PREDICT_MODELS as readonly string[]).includes(m)) {
      throw new ConfigError(
        `evaluatePredictors: unknown model '${m}'; valid: ${PREDICT_MODELS.join(', ')}`,
      );
    }
  }
  if (encodings.length === 0) throw new ConfigError('evaluatePredictors: no encodings to compare');
  for (const e of encodings) checkEncoding('evaluatePredictors', space, e);
  const maxTrain = Math.max(...trainSizes);

  type Sample = {
    mae: number;
    pearson: number;
    kendall: number;
    c1: number;
    c2: number;
    seconds: number;
  };
  const samples = new Map<string, Sample[]>();
  const key = (m: string, e: string, n: number): string => `${m}|${e}|${n}`;

  for (let r = 0; r < repeats; r++) {
    // draw: held-out set, then a disjoint training set
    const seen = new Set<string>();
    const test = sampleUnseen(space, rng, testSize, seen);
    const train = sampleUnseen(space, rng, maxTrain, seen);
    if (test.length < testSize || train.length < maxTrain) {
      throw new ConfigError(
        `evaluatePredictors: could draw only ${test.length} test and ${train.length} training architectures ` +
          `(asked ${testSize} and ${maxTrain}); the space is too small`,
      );
    }
    const yTest = test.map((a) => oracle.peek(a).valError);
    const yTrain = train.map((a) => oracle.peek(a).valError);

    for (const encoding of encodings) {
      const cols = space.encodingLength(encoding);
      const xTest = encodeAll(space, test, encoding);
      const dist = encodingDistance(space, encoding);
      const fTest = test.map((a) => dist.featurize(a));
      const fTrain = train.map((a) => dist.featurize(a));
      for (const n of trainSizes) {
        for (const model of models) {
          // fit and predict: mean and std per held-out architecture
          const t0 = performance.now();
          let mu: Float64Array;
          let sd: Float64Array;
          if (model === 'ensemble') {
            const x = encodeAll(space, train.slice(0, n), encoding);
            const y = Float64Array.from(yTrain.slice(0, n));
            const e = await trainer({ x, y, rows: n, cols }, ens, rng.split());
            ({ mean: mu, std: sd } = ensembleMoments(e.predict(xTest, test.length)));
          } else {
            const d = (a: Float64Array, b: Float64Array): number =>
              featureDistance(a, b, dist.categorical);
            const tr = fTrain.slice(0, n);
            const dTrain = distanceMatrix(tr, undefined, d);
            let { lengthScale, noise } = gpo;
            if (gpo.fitHyper) {
              const fit = fitKernelHyper(dTrain, yTrain.slice(0, n), { amplitude: gpo.amplitude });
              ({ lengthScale, noise } = fit);
            }
            const params = { lengthScale, amplitude: gpo.amplitude };
            const gp = GaussianProcess.fit(distanceKernel(dTrain, params), yTrain.slice(0, n), {
              noise,
            });
            const kCross = distanceKernel(distanceMatrix(fTest, tr, d), params);
            const p = gp.predict(kCross, new Float64Array(test.length).fill(gpo.amplitude ** 2));
            mu = p.mean;
            sd = p.variance.map(Math.sqrt);
          }
          const seconds = (performance.now() - t0) / 1000;

          // score: errors, correlations, coverage
          let abs = 0;
          let in1 = 0;
          let in2 = 0;
          for (let i = 0; i < test.length; i++) {
            const err = Math.abs(mu[i]! - yTest[i]!);
            abs += err;
            if (err <= sd[i]!) in1++;
            if (err <= 2 * sd[i]!) in2++;
          }
          const k = key(model, encoding, n);
          if (!samples.has(k)) samples.set(k, []);
          samples.get(k)!.push({
            mae: abs / test.length,
            pearson: pearson(mu, yTest),
            kendall: kendallTau(mu, yTest),
            c1: in1 / test.length,
            c2: in2 / test.length,
            seconds,
          });
        }
      }
    }
  }

  // aggregate: means over repeats
  const rows: PredictRow[] = [];
  for (const model of models) {
    for (const encoding of encodings) {
      for (const n of trainSizes) {
        const s = samples.get(key(model, encoding, n))!;
        const maes = s.map((x) => x.mae);
        rows.push({
          model,
          encoding,
          trainSize: n,
          mae: mean(maes),
          maeSe: standardError(maes),
          pearson: mean(s.map((x) => x.pearson)),
          kendall: mean(s.map((x) => x.kendall)),
          coverage1: mean(s.map((x) => x.c1)),
          coverage2: mean(s.map((x) => x.c2)),
          seconds: mean(s.map((x) => x.seconds)),
        });
      }
    }
  }
  return {
    space: space.name,
    dataset: oracle.dataset,
    target: 'validation error (%)',
    trainSizes,
    testSize,
    repeats,
    rows,
  };
}

function encodeAll<A>(space: SearchSpace<A>, archs: readonly A[], encoding: string): Float32Array {
  const cols = space.encodingLength(encoding);
  const x = new Float32Array(archs.length * cols);
  archs.forEach((a, i) => x.set(space.encode(a, encoding), i * cols));
  return x;
}
