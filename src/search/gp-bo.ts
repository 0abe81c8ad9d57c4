import { ConfigError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import {
  expectedImprovementScores,
  GP_ACQUISITIONS,
  sampledUcbScores,
  type GpAcquisitionName,
} from '../gp/acquisition.js';
import { createDistance, featureDistance, GP_DISTANCES } from '../gp/distances.js';
import { GaussianProcess } from '../gp/gp.js';
import { fitKernelHyper } from '../gp/hyper.js';
import { distanceKernel, distanceMatrix } from '../gp/kernels.js';
import type { SearchSpace } from '../space/types.js';
import { sampleUnseen } from './sampling.js';
import { checkContext, checkRemaining, checkValError } from './checks.js';
import type { Optimizer, OptimizerContext } from './types.js';

/** Options of BO with a GP; defaults are the reference's (R1/R2 `gp_bayesopt_search`, §2.4). */
export interface GpBayesOptOptions {
  /** Random architectures queried before the first GP fit (default 10). */
  initialSamples: number;
  /**
   * Distance under the kernel (default 'adj': differing edges on NB201, the edit distance on
   * NB101; 'nasbot' gives the paper's "NASBOT"; also 'path', 'trunc_path'). See `createDistance`.
   */
  distance: string;
  /** 'ucb' (default: the reference's sampled lower confidence bound) or 'ei'. */
  acquisition: GpAcquisitionName;
  /** Weight of the (sample) std in 'ucb' (default 0.5). */
  explore: number;
  /** Joint posterior samples behind 'ucb' (default 1,000). */
  posteriorSamples: number;
  /** Kernel length scale ℓ in k = α²·exp(−d/ℓ²) (default 3). */
  lengthScale: number;
  /** Kernel amplitude α (default 1.5). */
  amplitude: number;
  /** Observation noise σ, standardised target units (default 1e-5). */
  noise: number;
  /**
   * Refit ℓ and σ each iteration by maximising the marginal likelihood over a grid
   * (`fitKernelHyper`; default false: the reference keeps them fixed).
   */
  fitHyper: boolean;
  /** Best architectures perturbed into the candidate domain (default 5). */
  parents: number;
  /** Perturbations use edit counts 1..maxEdits (default 19). */
  maxEdits: number;
  /** Perturbations per (parent, edit count) (default 5): at most 5·19·5 = 475 candidates. */
  repeats: number;
  /**
   * How an edit count becomes a mutation: 'edits' passes it as `space.mutate`'s rate (R2 on
   * NB201: each edge changes with probability edits/4); 'one' always mutates at rate 1 (R2 on
   * NB101, whose mutation ignores the rate); 'auto' (default) = 'one' on nb101, else 'edits'.
   */
  editRates: 'auto' | 'edits' | 'one';
  /** Random draws tried per round when the domain is empty (default 100). */
  randomFallback: number;
  /** Candidates drawn with replacement from the domain and scored (default 200). */
  acqDraws: number;
}

/** The reference defaults. */
export const defaultGpBayesOptOptions: GpBayesOptOptions = {
  initialSamples: 10,
  distance: 'adj',
  acquisition: 'ucb',
  explore: 0.5,
  posteriorSamples: 1000,
  lengthScale: 3,
  amplitude: 1.5,
  noise: 1e-5,
  fitHyper: false,
  parents: 5,
  maxEdits: 19,
  repeats: 5,
  editRates: 'auto',
  randomFallback: 100,
  acqDraws: 200,
};

/** Resolves options against the defaults; throws ConfigError naming a bad value. */
export function resolveGpBayesOptOptions(
  options: Partial<GpBayesOptOptions> = {},
): GpBayesOptOptions {
  const o = { ...defaultGpBayesOptOptions, ...options };
  const counts = [
    'initialSamples',
    'posteriorSamples',
    'parents',
    'maxEdits',
    'repeats',
    'randomFallback',
    'acqDraws',
  ] as const;
  for (const key of counts) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new ConfigError(`gp: ${key} must be a positive integer, got ${o[key]}`);
    }
  }
  for (const key of ['lengthScale', 'amplitude'] as const) {
    if (!(o[key] > 0) || !Number.isFinite(o[key])) {
      throw new ConfigError(`gp: ${key} must be a positive number, got ${o[key]}`);
    }
  }
  if (!(o.noise >= 0) || !Number.isFinite(o.noise)) {
    throw new ConfigError(`gp: noise must be a number ≥ 0, got ${o.noise}`);
  }
  if (!(o.explore >= 0)) throw new ConfigError(`gp: explore must be ≥ 0, got ${o.explore}`);
  if (!(GP_ACQUISITIONS as readonly string[]).includes(o.acquisition)) {
    throw new ConfigError(
      `gp: unknown acquisition '${o.acquisition}'; valid: ${GP_ACQUISITIONS.join(', ')}`,
    );
  }
  if (!['auto', 'edits', 'one'].includes(o.editRates)) {
    throw new ConfigError(`gp: editRates must be 'auto', 'edits' or 'one', got '${o.editRates}'`);
  }
  if (typeof o.distance !== 'string') {
    throw new ConfigError(`gp: distance must be one of ${GP_DISTANCES.join(', ')}`);
  }
  return o;
}

interface Told<A> {
  arch: A;
  valError: number;
  f: Float64Array;
  /** Distance to each architecture told before this one (`d[j]` to `told[j]`). */
  d: Float64Array;
}

/**
 * Bayesian optimisation with a Gaussian process over an architecture distance ("BO w. GP";
 * "NASBOT" with `distance: 'nasbot'`), as R1/R2 `gp_bayesopt_search` do it (REFERENCE §2.4):
 *
 * 1. the first `ask` returns `initialSamples` distinct random architectures;
 * 2. every later `ask` returns ONE architecture: fit a GP (kernel α²·exp(−d/ℓ²) on the distance,
 *    standardised targets, noise σ) on everything told; build the candidate domain by perturbing
 *    the `parents` best architectures with edit counts 1..`maxEdits`, `repeats` times each,
 *    keeping unqueried ones (random unqueried architectures if none survive); draw `acqDraws`
 *    candidates from it with replacement; return the one with the lowest acquisition score.
 *
 * Decisions where the reference leaves room (documented, not silent):
 * - the domain is de-duplicated by `space.hash` (the reference de-duplicates against history);
 * - the `acqDraws` draws are scored once per distinct candidate: the joint posterior of repeated
 *   copies is singular but every copy has the same score law, so this changes no choice in
 *   distribution and avoids factorising a singular covariance;
 * - ties in the score keep the first drawn candidate.
 *
 * Emits a 'fit' event per GP fit, a 'candidates' event with the domain size, and a 'note' when
 * the kernel matrix needed Cholesky jitter (duplicates under the distance, e.g. two cells with
 * the same path encoding), saying how much.
 * Throws ConfigError for bad options or a distance the space lacks (at creation); `tell` throws
 * RangeError for a non-finite error.
 *
 * Limitations: the GP costs O(n³) per query, n ≤ budget (≈ 10 ms at n = 150).
 */
export function createGpBayesOpt<A>(
  ctx: OptimizerContext<A>,
  options: Partial<GpBayesOptOptions> = {},
): Optimizer<A> {
  checkContext('gp', ctx);
  const o = resolveGpBayesOptOptions(options);
  const { space, rng } = ctx;
  const distance = createDistance(space, o.distance);
  const rateOf = (edits: number): number =>
    o.editRates === 'edits' || (o.editRates === 'auto' && space.name !== 'nb101') ? edits : 1;
  const seen = new Set<string>();
  const told: Told<A>[] = [];
  let initialised = false;

  return {
    name: 'gp',
    async ask(remaining: number): Promise<A[]> {
      checkRemaining('gp', remaining);
      // init: distinct random architectures
      if (!initialised) {
        initialised = true;
        return sampleUnseen(space, rng, Math.min(o.initialSamples, remaining), seen);
      }
      if (told.length === 0) return sampleUnseen(space, rng, 1, seen);

      // propose: perturb the best architectures; random unseen ones if nothing new survives
      const domain = candidateDomain(space, rng, told, seen, o, rateOf);
      ctx.onEvent?.({ type: 'candidates', count: domain.length });
      if (domain.length === 0) return [];
      const drawn = uniqueDraws(domain.length, o.acqDraws, rng).map((i) => domain[i]!);

      // fit: GP on every told (architecture, validation error)
      const started = performance.now();
      const n = told.length;
      const dTrain = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const row = told[i]!.d;
        for (let j = 0; j < i; j++) {
          dTrain[i * n + j] = row[j]!;
          dTrain[j * n + i] = row[j]!;
        }
      }
      const y = told.map((t) => t.valError);
      let { lengthScale, noise } = o;
      if (o.fitHyper) {
        ({ lengthScale, noise } = fitKernelHyper(dTrain, y, { amplitude: o.amplitude }));
      }
      const params = { lengthScale, amplitude: o.amplitude };
      const gp = GaussianProcess.fit(distanceKernel(dTrain, params), y, { noise });
      if (gp.jitter > 0) {
        const message = `gp: kernel matrix needed jitter ${gp.jitter.toExponential(1)}`;
        ctx.onEvent?.({ type: 'note', message });
      }

      // score: posterior over the drawn candidates, then the acquisition function
      const feats = drawn.map((a) => distance.featurize(a));
      const m = drawn.length;
      const dist = (a: Float64Array, b: Float64Array): number =>
        featureDistance(a, b, distance.categorical);
      const dCross = distanceMatrix(
        feats,
        told.map((t) => t.f),
        dist,
      );
      const kCross = distanceKernel(dCross, params);
      let scores: Float64Array;
      if (o.acquisition === 'ucb') {
        const dTest = distanceMatrix(feats, undefined, dist);
        const post = gp.posterior(kCross, distanceKernel(dTest, params));
        const ucb = { samples: o.posteriorSamples, explore: o.explore };
        scores = sampledUcbScores(post, rng, ucb).scores;
      } else {
        const p = gp.predict(kCross, new Float64Array(m).fill(o.amplitude * o.amplitude));
        scores = expectedImprovementScores(p.mean, p.variance, Math.min(...y));
      }
      const seconds = (performance.now() - started) / 1000;
      ctx.onEvent?.({ type: 'fit', trainingPoints: n, seconds });

      // query: the lowest score
      let best = 0;
      for (let i = 1; i < m; i++) if (scores[i]! < scores[best]!) best = i;
      const chosen = drawn[best]!;
      seen.add(space.hash(chosen));
      return [chosen];
    },
    tell(arch: A, valError: number): void {
      checkValError('gp', valError);
      seen.add(space.hash(arch));
      // distances to everything told before, computed once here rather than at every fit
      const f = distance.featurize(arch);
      const d = Float64Array.from(told, (t) => featureDistance(f, t.f, distance.categorical));
      told.push({ arch, valError, f, d });
    },
  };
}

/**
 * The reference candidate domain (`get_arch_list`): for each of the `parents` best told
 * architectures (by validation error, earlier first on ties), for edits 1..maxEdits, `repeats`
 * perturbations; unqueried and distinct ones are kept. When none survive, rounds of
 * `randomFallback` random draws are kept instead (unqueried ones), repeated until one survives
 * or 20 rounds bring nothing (space exhausted: empty result).
 */
export function candidateDomain<A>(
  space: SearchSpace<A>,
  rng: Rng,
  told: ReadonlyArray<{ arch: A; valError: number }>,
  seen: ReadonlySet<string>,
  o: Pick<GpBayesOptOptions, 'parents' | 'maxEdits' | 'repeats' | 'randomFallback'>,
  rateOf: (edits: number) => number = (e) => e,
): A[] {
  const inDomain = new Set(seen);
  const out: A[] = [];
  const keep = (a: A): void => {
    const h = space.hash(a);
    if (inDomain.has(h)) return;
    inDomain.add(h);
    out.push(a);
  };
  const parents = told
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.valError - b.t.valError || a.i - b.i)
    .slice(0, o.parents);
  for (const { t } of parents) {
    for (let edits = 1; edits <= o.maxEdits; edits++) {
      for (let r = 0; r < o.repeats; r++) keep(space.mutate(t.arch, rng, { rate: rateOf(edits) }));
    }
  }
  for (let round = 0; out.length === 0 && round < 20; round++) {
    for (let j = 0; j < o.randomFallback; j++) keep(space.sample(rng));
  }
  return out;
}

// `draws` indices in [0, n) with replacement, distinct ones kept in first-drawn order
function uniqueDraws(n: number, draws: number, rng: Rng): number[] {
  const picked = new Set<number>();
  for (let j = 0; j < draws; j++) picked.add(rng.int(n));
  return [...picked];
}
