import { ConfigError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { defaultEnsembleOptions, trainEnsemble } from '../nn/ensemble.js';
import type { EnsembleOptions, EnsembleTrainer } from '../nn/types.js';
import { checkEncoding } from '../space/check-encoding.js';
import type { SearchSpace } from '../space/types.js';
import { ACQUISITIONS, acquisitionScores, lowestK, type AcquisitionName } from './acquisition.js';
import { checkContext, checkRemaining, checkValError } from './checks.js';
import { sampleUnseen } from './sampling.js';
import type { Optimizer, OptimizerContext } from './types.js';

/** How BANANAS builds its candidate pool (REFERENCE §1.7). */
export const ACQ_OPTIMIZERS = ['mutation', 'random', 'mutation_random'] as const;
export type AcqOptimizerName = (typeof ACQ_OPTIMIZERS)[number];

/** Options of BANANAS; defaults are the reference's (R1/R2 `bananas`, NB101/NB201 configs). */
export interface BananasOptions {
  /** Random architectures queried before the first model fit (default 10). */
  initialSamples: number;
  /** Architectures queried per round (k, default 10). */
  batchSize: number;
  /** Encoding fed to the meta network (default 'trunc_path': 30 features on NB201, 40 on NB101). */
  encoding: string;
  /** Acquisition function (default 'its', independent Thompson sampling). */
  acquisition: AcquisitionName;
  /** Exploration factor of 'ucb' (default 0.5). */
  explore: number;
  /** Candidate generator (default 'mutation'). */
  acqOptimizer: AcqOptimizerName;
  /** Target size of the candidate pool (default 100). */
  candidates: number;
  /** Best architectures mutated per pool, times `patienceFactor` (default 1 × 5 = 5 parents). */
  archesToMutate: number;
  /** Default 5. */
  patienceFactor: number;
  /** Highest mutation rate used; rates 1..max each get an equal share of mutations (default 1). */
  maxMutationRate: number;
  /** The meta-network ensemble (default: 5 × MLP 10×20, MAE, 150 epochs, Adam lr 0.01). */
  ensemble: EnsembleOptions;
}

/** The reference defaults. */
export const defaultBananasOptions: BananasOptions = {
  initialSamples: 10,
  batchSize: 10,
  encoding: 'trunc_path',
  acquisition: 'its',
  explore: 0.5,
  acqOptimizer: 'mutation',
  candidates: 100,
  archesToMutate: 1,
  patienceFactor: 5,
  maxMutationRate: 1,
  ensemble: defaultEnsembleOptions,
};

/** Extra wiring that is not an option of the algorithm (injected trainer for tests or other backends). */
export interface BananasHooks {
  trainer?: EnsembleTrainer;
}

/** Resolves user options against the defaults and checks them; throws ConfigError naming the bad option. */
export function resolveBananasOptions(options: Partial<BananasOptions> = {}): BananasOptions {
  const o: BananasOptions = {
    ...defaultBananasOptions,
    ...options,
    ensemble: { ...defaultBananasOptions.ensemble, ...(options.ensemble ?? {}) },
  };
  for (const key of [
    'initialSamples',
    'batchSize',
    'candidates',
    'archesToMutate',
    'patienceFactor',
    'maxMutationRate',
  ] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1)
      throw new ConfigError(`bananas: ${key} must be a positive integer, got ${o[key]}`);
  }
  if (!Number.isInteger(o.ensemble.size) || o.ensemble.size < 1) {
    throw new ConfigError(
      `bananas: ensemble.size must be a positive integer, got ${o.ensemble.size}`,
    );
  }
  if (!(ACQUISITIONS as readonly string[]).includes(o.acquisition)) {
    throw new ConfigError(
      `bananas: unknown acquisition '${o.acquisition}'; valid: ${ACQUISITIONS.join(', ')}`,
    );
  }
  if (!(ACQ_OPTIMIZERS as readonly string[]).includes(o.acqOptimizer)) {
    throw new ConfigError(
      `bananas: unknown acqOptimizer '${o.acqOptimizer}'; valid: ${ACQ_OPTIMIZERS.join(', ')}`,
    );
  }
  return o;
}

/**
 * BANANAS as an ask/tell optimiser (REFERENCE §1.1). The first `ask` returns `initialSamples`
 * distinct random architectures; each later `ask` fits a fresh ensemble on every (encoding,
 * validation error) told so far, builds a candidate pool by mutating the best architectures,
 * scores it with the acquisition function and returns the `batchSize` lowest-scoring candidates.
 *
 * Candidates are de-duplicated by `space.hash` against everything asked so far and within the
 * pool, so BANANAS never proposes an architecture twice. When mutation cannot produce a single
 * new candidate (every neighbour of the five best already queried), the pool falls back to
 * random unseen architectures (PITFALLS B29).
 */
export function createBananas<A>(
  ctx: OptimizerContext<A>,
  options: Partial<BananasOptions> = {},
  hooks: BananasHooks = {},
): Optimizer<A> {
  checkContext('bananas', ctx);
  const o = resolveBananasOptions(options);
  const { space, rng } = ctx;
  checkEncoding('bananas', space, o.encoding);
  const trainer = hooks.trainer ?? trainEnsemble;
  const cols = space.encodingLength(o.encoding);
  const seen = new Set<string>();
  const told: Array<{ arch: A; valError: number; x: Float32Array }> = [];
  let initialised = false;

  const encode = (arch: A): Float32Array => space.encode(arch, o.encoding);

  return {
    name: 'bananas',
    async ask(remaining: number): Promise<A[]> {
      checkRemaining('bananas', remaining);
      // init: the first batch is random, as in the reference
      if (!initialised) {
        initialised = true;
        return sampleUnseen(space, rng, Math.min(o.initialSamples, remaining), seen);
      }
      const k = Math.min(o.batchSize, remaining);
      if (told.length === 0) return sampleUnseen(space, rng, k, seen);

      // propose: mutate the best few architectures into a pool of unseen candidates
      let pool = buildCandidates(space, rng, told, seen, o);
      ctx.onEvent?.({ type: 'candidates', count: pool.length });
      if (pool.length === 0)
        pool = sampleUnseen(space, rng, Math.max(o.candidates, k), new Set(seen));
      if (pool.length <= k) {
        for (const a of pool) seen.add(space.hash(a));
        return pool;
      }

      // fit: a fresh ensemble on every (encoding, valError) told so far
      const started = performance.now();
      const x = new Float32Array(told.length * cols);
      const y = new Float64Array(told.length);
      told.forEach((t, i) => {
        x.set(t.x, i * cols);
        y[i] = t.valError;
      });
      const ensemble = await trainer({ x, y, rows: told.length, cols }, o.ensemble, rng.split());
      ctx.onEvent?.({
        type: 'fit',
        trainingPoints: told.length,
        seconds: (performance.now() - started) / 1000,
      });

      // score: predict every candidate with every member, then the acquisition function
      const px = new Float32Array(pool.length * cols);
      pool.forEach((a, i) => px.set(encode(a), i * cols));
      const predictions = ensemble.predict(px, pool.length);
      const yMin = Math.min(...told.map((t) => t.valError));
      const scores = acquisitionScores(o.acquisition, predictions, rng, {
        explore: o.explore,
        yMin,
      });

      // query: the k lowest scores
      const chosen = lowestK(scores, k).map((i) => pool[i]!);
      for (const a of chosen) seen.add(space.hash(a));
      return chosen;
    },
    tell(arch: A, valError: number): void {
      checkValError('bananas', valError);
      seen.add(space.hash(arch));
      told.push({ arch, valError, x: encode(arch) });
    },
  };
}

/**
 * The reference candidate pool (REFERENCE §1.7): for each of the `archesToMutate ×
 * patienceFactor` best architectures by validation error, while the pool is below `candidates`,
 * make `candidates / archesToMutate / maxMutationRate` mutations at each rate 1..max and keep the
 * unseen ones; 'random' and 'mutation_random' add up to `patienceFactor × candidates` random draws
 * until the pool reaches `2 × candidates`. The size check runs between parents, so the pool can exceed
 * `candidates`, as in the reference.
 */
export function buildCandidates<A>(
  space: SearchSpace<A>,
  rng: Rng,
  told: ReadonlyArray<{ arch: A; valError: number }>,
  seen: ReadonlySet<string>,
  o: Pick<
    BananasOptions,
    'acqOptimizer' | 'candidates' | 'archesToMutate' | 'patienceFactor' | 'maxMutationRate'
  >,
): A[] {
  const inPool = new Set(seen);
  const pool: A[] = [];
  const keep = (a: A): void => {
    const h = space.hash(a);
    if (inPool.has(h)) return;
    inPool.add(h);
    pool.push(a);
  };
  if (o.acqOptimizer === 'mutation' || o.acqOptimizer === 'mutation_random') {
    const parents = [...told]
      .map((t, i) => ({ t, i }))
      .sort((a, b) => a.t.valError - b.t.valError || a.i - b.i)
      .slice(0, o.archesToMutate * o.patienceFactor)
      .map((p) => p.t.arch);
    const perRate = Math.floor(o.candidates / o.archesToMutate / o.maxMutationRate);
    for (const parent of parents) {
      if (pool.length >= o.candidates) break;
      for (let rate = 1; rate <= o.maxMutationRate; rate++) {
        for (let j = 0; j < perRate; j++) keep(space.mutate(parent, rng, { rate }));
      }
    }
  }
  if (o.acqOptimizer === 'random' || o.acqOptimizer === 'mutation_random') {
    for (let j = 0; j < o.patienceFactor * o.candidates && pool.length < 2 * o.candidates; j++)
      keep(space.sample(rng));
  }
  return pool;
}
