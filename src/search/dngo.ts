import { ConfigError } from '../core/errors.js';
import { expectedImprovementScores } from '../gp/acquisition.js';
import { fitBayesianLinearRegression } from '../gp/blr.js';
import { Mlp } from '../nn/mlp.js';
import type { MetaNetOptions } from '../nn/types.js';
import { checkEncoding } from '../space/check-encoding.js';
import { lowestK } from './acquisition.js';
import { buildCandidates } from './bananas.js';
import { sampleUnseen } from './sampling.js';
import { checkContext, checkRemaining, checkValError } from './checks.js';
import type { Optimizer, OptimizerContext } from './types.js';

/** DNGO acquisitions (lower score = better). */
export const DNGO_ACQUISITIONS = ['ucb', 'ei', 'its'] as const;
export type DngoAcquisitionName = (typeof DNGO_ACQUISITIONS)[number];

/** Options of DNGO; defaults follow R2 `pybnn_search` + pybnn's `DNGO` where affordable. */
export interface DngoOptions {
  /** Random architectures before the first fit (default 20, R2 `pybnn_search`). */
  initialSamples: number;
  /** Architectures queried per round (k, default 10). */
  batchSize: number;
  /** Input encoding (default 'adjacency', the reference's `adj`). */
  encoding: string;
  /**
   * 'ucb' (default, the reference's intent): μ − explore·σ; 'ei': expected improvement;
   * 'its': one independent draw from N(μ, σ²) per candidate.
   */
  acquisition: DngoAcquisitionName;
  /** Weight of σ in 'ucb' (default 0.5). */
  explore: number;
  /**
   * The basis network (default 3 × 50 as pybnn, 300 epochs of batch 10, Adam lr 0.01, MSE loss
   * as pybnn, on standardised targets; see Limitations).
   */
  net: Partial<MetaNetOptions>;
  /** Candidate pool size target (default 100; pool built as BANANAS builds it, REFERENCE §1.7). */
  candidates: number;
  /** Best architectures mutated into the pool (default 5). */
  parents: number;
}

/** The defaults. */
export const defaultDngoOptions: DngoOptions = {
  initialSamples: 20,
  batchSize: 10,
  encoding: 'adjacency',
  acquisition: 'ucb',
  explore: 0.5,
  net: { layers: 3, width: 50, epochs: 300, batchSize: 10, learningRate: 0.01, loss: 'mse' },
  candidates: 100,
  parents: 5,
};

/** Resolves options against the defaults; throws ConfigError naming a bad value. */
export function resolveDngoOptions(options: Partial<DngoOptions> = {}): DngoOptions {
  const net = { ...defaultDngoOptions.net, ...(options.net ?? {}) };
  const o = { ...defaultDngoOptions, ...options, net };
  for (const key of ['initialSamples', 'batchSize', 'candidates', 'parents'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new ConfigError(`dngo: ${key} must be a positive integer, got ${o[key]}`);
    }
  }
  if (!(DNGO_ACQUISITIONS as readonly string[]).includes(o.acquisition)) {
    throw new ConfigError(
      `dngo: unknown acquisition '${o.acquisition}'; valid: ${DNGO_ACQUISITIONS.join(', ')}`,
    );
  }
  if (!(o.explore >= 0)) throw new ConfigError(`dngo: explore must be ≥ 0, got ${o.explore}`);
  return o;
}

/**
 * DNGO (Snoek et al. 2015) as an ask/tell optimiser, after R2 `pybnn_search` (REFERENCE §2.5):
 * a small MLP is trained on the (standardised encoding, standardised validation error) pairs
 * told so far; its last hidden layer (plus a constant) is the basis of a Bayesian linear
 * regression whose α, β maximise the evidence; candidates (mutations of the 5 best, as BANANAS
 * builds them) are scored by the acquisition on the BLR's per-candidate predictive mean μ and
 * standard deviation σ, and the `batchSize` lowest are queried.
 *
 * The fix (REFERENCE §1.11 item 4): the reference passes its explore type positionally into
 * the `ytrain` slot, so ITS runs instead of UCB; with a 1-D prediction vector its "mean over
 * the ensemble axis" collapses to a single number, so candidates are ranked by predicted
 * variance alone; σ is computed as √(30·var) instead of 30·√var; and DNGO's predictions are
 * multiplied by 30 though only BOHAMIANN was trained on y/30. Here the acquisition receives μ
 * and σ = √var per candidate, in the units of the validation error, and UCB is what runs. The
 * buggy wiring is not reproduced (it is a variance-only search, not DNGO).
 *
 * Limitations: the basis net is this project's `Mlp` (ReLU, MSE loss, 300 epochs) rather than
 * pybnn's tanh net trained for 10,000 epochs, and α, β come from a grid rather than pybnn's
 * optimiser with its prior.
 *
 * Throws ConfigError for bad options or an encoding the space lacks; `tell` throws RangeError
 * for a non-finite error.
 */
export function createDngo<A>(
  ctx: OptimizerContext<A>,
  options: Partial<DngoOptions> = {},
): Optimizer<A> {
  checkContext('dngo', ctx);
  const o = resolveDngoOptions(options);
  const { space, rng } = ctx;
  // a space without the default 'adjacency' (a user's categorical space) gets its one-hot or first encoding
  if (options.encoding === undefined && !space.encodings.includes(o.encoding)) {
    o.encoding = space.encodings.includes('onehot') ? 'onehot' : space.encodings[0]!;
  }
  checkEncoding('dngo', space, o.encoding);
  const cols = space.encodingLength(o.encoding);
  const seen = new Set<string>();
  const told: Array<{ arch: A; valError: number; x: Float32Array }> = [];
  let initialised = false;

  return {
    name: 'dngo',
    async ask(remaining: number): Promise<A[]> {
      checkRemaining('dngo', remaining);
      if (!initialised) {
        initialised = true;
        return sampleUnseen(space, rng, Math.min(o.initialSamples, remaining), seen);
      }
      const k = Math.min(o.batchSize, remaining);
      if (told.length < 2) return sampleUnseen(space, rng, k, seen);

      // propose: mutations of the best architectures, random unseen ones as a fallback
      let pool = buildCandidates(space, rng, told, seen, {
        acqOptimizer: 'mutation',
        candidates: o.candidates,
        archesToMutate: 1,
        patienceFactor: o.parents,
        maxMutationRate: 1,
      });
      ctx.onEvent?.({ type: 'candidates', count: pool.length });
      if (pool.length === 0) {
        pool = sampleUnseen(space, rng, Math.max(o.candidates, k), new Set(seen));
      }
      if (pool.length <= k) {
        for (const a of pool) seen.add(space.hash(a));
        return pool;
      }

      // fit: standardise inputs and targets, train the basis net, then the BLR on its features
      const started = performance.now();
      const n = told.length;
      const colMean = new Float64Array(cols);
      const colScale = new Float64Array(cols).fill(1);
      for (const t of told) for (let c = 0; c < cols; c++) colMean[c] += t.x[c]! / n;
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (const t of told) s += (t.x[c]! - colMean[c]!) ** 2;
        const sd = Math.sqrt(s / n);
        if (sd > 0) colScale[c] = sd;
      }
      const normalise = (rows: Float32Array[]): Float32Array => {
        const x = new Float32Array(rows.length * cols);
        rows.forEach((r, i) => {
          for (let c = 0; c < cols; c++) x[i * cols + c] = (r[c]! - colMean[c]!) / colScale[c]!;
        });
        return x;
      };
      const yRaw = told.map((t) => t.valError);
      const yMean = yRaw.reduce((a, b) => a + b, 0) / n;
      const ySd = Math.sqrt(yRaw.reduce((a, b) => a + (b - yMean) ** 2, 0) / n) || 1;
      const y = Float64Array.from(yRaw, (v) => (v - yMean) / ySd);
      const x = normalise(told.map((t) => t.x));
      const net = new Mlp(cols, o.net, rng.split());
      net.fit({ x, y, rows: n, cols });
      const width = net.options.width;
      const basis = withBias(net.features(x, n), n, width);
      const blr = fitBayesianLinearRegression(basis, n, width + 1, y);
      const seconds = (performance.now() - started) / 1000;
      ctx.onEvent?.({ type: 'fit', trainingPoints: n, seconds });

      // score: per-candidate μ and σ in % error, then the acquisition
      const px = normalise(pool.map((a) => space.encode(a, o.encoding)));
      const poolBasis = withBias(net.features(px, pool.length), pool.length, width);
      const pred = blr.predict(poolBasis, pool.length);
      const mu = Float64Array.from(pred.mean, (v) => v * ySd + yMean);
      const variance = Float64Array.from(pred.variance, (v) => v * ySd * ySd);
      let scores: Float64Array;
      const sd = variance.map(Math.sqrt);
      if (o.acquisition === 'ucb') scores = mu.map((m, i) => m - o.explore * sd[i]!);
      else if (o.acquisition === 'ei')
        scores = expectedImprovementScores(mu, variance, Math.min(...yRaw));
      else scores = mu.map((m, i) => rng.normal(m, sd[i]!));

      // query: the k lowest
      const chosen = lowestK(scores, k).map((i) => pool[i]!);
      for (const a of chosen) seen.add(space.hash(a));
      return chosen;
    },
    tell(arch: A, valError: number): void {
      checkValError('dngo', valError);
      seen.add(space.hash(arch));
      told.push({ arch, valError, x: space.encode(arch, o.encoding) });
    },
  };
}

// rows × width features → rows × (width + 1) with a trailing constant 1
function withBias(f: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(rows * (width + 1));
  for (let r = 0; r < rows; r++) {
    out.set(f.subarray(r * width, (r + 1) * width), r * (width + 1));
    out[r * (width + 1) + width] = 1;
  }
  return out;
}
