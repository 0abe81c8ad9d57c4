import { ConfigError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { trainEnsemble } from '../nn/ensemble.js';
import type { Ensemble, EnsembleTrainer } from '../nn/types.js';
import { buildCandidates, createBananas, type BananasOptions } from '../search/bananas.js';
import { getAlgorithm } from '../search/registry.js';
import type { Optimizer, OptimizerContext, SearchEvent } from '../search/types.js';
import type { SearchSpace } from '../space/types.js';
import { jsonCopy, type JsonObject, type JsonValue } from './json.js';

/** Schema id written into every optimiser state. */
export const OPTIMIZER_STATE_SCHEMA = 'bananas-ts/optimizer-state';
/** Version of that schema. */
export const OPTIMIZER_STATE_VERSION = 1;

/** One evaluated architecture, as recorded by `tell`. */
export interface Trial<A> {
  /** 0-based order of the `tell` calls. */
  readonly index: number;
  readonly arch: A;
  /** `space.hash(arch)`. */
  readonly hash: string;
  /** The objective value told (lower is better; for NAS, validation error in %). */
  readonly valError: number;
  /** Whatever the caller attached (test error, cost, …); kept in `state()`. */
  readonly extra?: JsonValue;
}

/** Options of `createOptimizer`. */
export interface CreateOptimizerOptions {
  /** Seed of the optimiser's random stream (default 0; 0 is a real seed). */
  seed?: number;
  /**
   * Evaluations planned in total (default: none). Passed to the algorithm as the budget left,
   * so the last batch is cut to fit, and `ask` returns nothing once it is used up.
   */
  budget?: number;
  /**
   * Options of the algorithm (e.g. `BananasOptions`: `{ batchSize: 5, ensemble: { epochs: 100 } }`);
   * must be JSON data, since `state()` stores them. For BANANAS on a space without a
   * 'trunc_path' encoding, `encoding` defaults to the space's first encoding.
   */
  options?: JsonObject;
  /** Progress events of the algorithm (model fits, candidate pools). Never called during `restoreOptimizer`'s replay. */
  onEvent?: (event: SearchEvent) => void;
  /** Ensemble trainer for BANANAS (default `trainEnsemble`); a seam for tests and other backends. */
  trainer?: EnsembleTrainer;
}

/** What `minimise` and `AskTellOptimizer.minimise` accept from the objective. */
export type ObjectiveResult = number | { valError: number; extra?: JsonValue };

/** The user's objective: lower is better. May be async. */
export type Objective<A> = (arch: A) => ObjectiveResult | Promise<ObjectiveResult>;

/** The outcome of a `minimise` run. */
export interface MinimiseResult<A> {
  /** The trial with the lowest `valError` (the earliest on ties); undefined when nothing was evaluated. */
  best: Trial<A> | undefined;
  /** Every trial, in `tell` order. */
  trials: readonly Trial<A>[];
}

/** The JSON state of an optimiser (`AskTellOptimizer.state()`); restore it with `restoreOptimizer`. */
export interface OptimizerState {
  schema: typeof OPTIMIZER_STATE_SCHEMA;
  version: typeof OPTIMIZER_STATE_VERSION;
  algorithm: string;
  /** `space.name` of the space it ran on. */
  space: string;
  seed: number;
  budget: number | null;
  options: JsonObject;
  /**
   * Everything that happened, in order: each batch the algorithm proposed (serialised
   * architectures) and each evaluation told.
   */
  log: Array<{ proposed: string[] } | { told: string; valError: number; extra?: JsonValue }>;
  /** How many of the proposed architectures `ask` has handed out. */
  handedOut: number;
}

/**
 * An ask/tell optimiser over a user's search space, in the manner of Optuna's ask/tell: ask for
 * architectures, evaluate them however you like (in parallel if you wish), tell the results.
 */
export interface AskTellOptimizer<A> {
  /** Registry name of the algorithm ('bananas', 'random', 'evolution', …). */
  readonly algorithm: string;
  readonly space: SearchSpace<A>;
  /**
   * Up to `n` architectures to evaluate next (default 1). They come from the algorithm's
   * current batch; when that is used up the algorithm is asked for a new one — even if some
   * results are still outstanding, in which case it proposes without them. So the result can be
   * shorter than `n` (one batch at most per call), and is empty only when the budget or the
   * space is exhausted. Throws RangeError when `n` is not a positive integer.
   */
  ask(n?: number): Promise<A[]>;
  /**
   * Records the result of evaluating `arch`: `valError` (lower is better; finite) and any JSON
   * `extra`. `arch` need not come from `ask`: telling known results first warm-starts the
   * search. Throws like `space.validate` for an architecture outside the space, RangeError for
   * a non-finite `valError`, TypeError for an `extra` JSON cannot hold.
   */
  tell(arch: A, valError: number, extra?: JsonValue): void;
  /** The best trial so far (lowest `valError`, earliest on ties), or undefined. */
  best(): Trial<A> | undefined;
  /** Every trial, in `tell` order. */
  readonly trials: readonly Trial<A>[];
  /** Architectures handed out by `ask` and not told yet. */
  pending(): A[];
  /**
   * Runs objective → tell until `budget` trials have been told in total (default: the
   * optimiser's budget) or the space is exhausted: first on the architectures already asked
   * for and not told (`pending()`), then on new ones from `ask`. Objectives are awaited one at
   * a time. Throws ConfigError when neither budget is given. An exception from the objective
   * propagates (the trials told before it are kept).
   */
  minimise(objective: Objective<A>, options?: { budget?: number }): Promise<MinimiseResult<A>>;
  /** The whole state as JSON data (`JSON.stringify` it to save). */
  state(): OptimizerState;
}

type LogEntry = OptimizerState['log'][number];

/**
 * Creates an ask/tell optimiser for `space` running the registered algorithm `name`
 * ('bananas', 'random', 'evolution', …; an unknown name throws ConfigError listing the valid
 * ones). The algorithm gets its own `Rng(seed)`, so the same seed, options and results give
 * the same proposals.
 *
 * Example:
 *
 *     const opt = createOptimizer('bananas', space, { seed: 1, budget: 50 });
 *     const [arch] = await opt.ask();
 *     opt.tell(arch, await trainAndValidate(arch));
 *     localStorage.setItem('run', JSON.stringify(opt.state()));
 */
export function createOptimizer<A>(
  name: string,
  space: SearchSpace<A>,
  options: CreateOptimizerOptions = {},
): AskTellOptimizer<A> {
  return buildOptimizer(name, space, options, []);
}

/**
 * Rebuilds an optimiser from `state()` output (parsed JSON) over the same `space`: the recorded
 * proposals and results are replayed into a fresh algorithm with the same seed and options, so
 * the restored optimiser continues exactly as the original would have.
 *
 * BANANAS is replayed without retraining: each recorded model fit is stood in for by a
 * predictor that ranks the recorded picks first (it rebuilds the candidate pool the algorithm
 * is about to score, with `buildCandidates`, to find them), which is quick (well under a second
 * for 150 queries) and independent of the numeric backend the original run used. Every
 * replayed batch is checked against the record; should the stand-in fail to reproduce one, the
 * replay starts again with real training (as slow as the original fits, and exact only on the
 * same backend).
 *
 * Throws ConfigError for a state of another schema/version, for another space (by name), or
 * when the replay does not reproduce the record (a different library version, space or
 * algorithm code), naming the first differing batch.
 */
export async function restoreOptimizer<A>(
  state: OptimizerState,
  space: SearchSpace<A>,
  options: Pick<CreateOptimizerOptions, 'onEvent' | 'trainer'> = {},
): Promise<AskTellOptimizer<A>> {
  if (state === null || typeof state !== 'object' || state.schema !== OPTIMIZER_STATE_SCHEMA) {
    throw new ConfigError(
      `restoreOptimizer: not an optimiser state (schema must be '${OPTIMIZER_STATE_SCHEMA}')`,
    );
  }
  if (state.version !== OPTIMIZER_STATE_VERSION) {
    throw new ConfigError(
      `restoreOptimizer: state version ${String(state.version)}, this library reads ${OPTIMIZER_STATE_VERSION}`,
    );
  }
  if (state.space !== space.name) {
    throw new ConfigError(
      `restoreOptimizer: the state is for space '${state.space}', got space '${space.name}'`,
    );
  }
  if (!Array.isArray(state.log) || !Number.isInteger(state.handedOut)) {
    throw new ConfigError(
      'restoreOptimizer: state.log must be an array and state.handedOut an integer',
    );
  }
  const create = {
    seed: state.seed,
    ...(state.budget === null ? {} : { budget: state.budget }),
    options: state.options,
    ...options,
  };
  const opt = buildOptimizer(state.algorithm, space, create, state.log, state.handedOut, true);
  try {
    await (opt as Internal<A>).replay();
  } catch (e) {
    if (!(e instanceof ReplayMismatch) || state.algorithm !== 'bananas') throw asConfigError(e);
    const slow = buildOptimizer(state.algorithm, space, create, state.log, state.handedOut, false);
    await (slow as Internal<A>).replay().catch((err: unknown) => {
      throw asConfigError(err);
    });
    return slow;
  }
  return opt;
}

/**
 * Minimises `objective` over `space` with a fresh optimiser: `createOptimizer(algorithm,
 * space, options).minimise(objective, { budget })`. `algorithm` defaults to 'bananas'.
 *
 *     const { best } = await minimise(space, (a) => evaluate(a), { budget: 100, seed: 3 });
 */
export async function minimise<A>(
  space: SearchSpace<A>,
  objective: Objective<A>,
  options: CreateOptimizerOptions & { budget: number; algorithm?: string },
): Promise<MinimiseResult<A>> {
  if (
    options === undefined ||
    options === null ||
    typeof options !== 'object' ||
    !Number.isInteger(options.budget)
  ) {
    throw new ConfigError(
      'minimise: pass { budget } (a positive integer), e.g. minimise(space, f, { budget: 50 })',
    );
  }
  const { algorithm = 'bananas', ...rest } = options;
  return createOptimizer(algorithm, space, rest).minimise(objective, { budget: options.budget });
}

// ---- internals ----------------------------------------------------------------------------

interface Internal<A> extends AskTellOptimizer<A> {
  replay(): Promise<void>;
}

class ReplayMismatch extends Error {}

function asConfigError(e: unknown): Error {
  return e instanceof ReplayMismatch
    ? new ConfigError(`restoreOptimizer: ${e.message}`)
    : (e as Error);
}

function buildOptimizer<A>(
  name: string,
  space: SearchSpace<A>,
  options: CreateOptimizerOptions,
  recorded: readonly LogEntry[],
  recordedHandedOut = 0,
  standIn = true,
): AskTellOptimizer<A> {
  // resolve: seed, budget, JSON options, the algorithm itself
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)
    throw new ConfigError(
      `createOptimizer: seed must be a non-negative integer, got ${String(seed)}`,
    );
  const budget = options.budget;
  if (budget !== undefined && (!Number.isInteger(budget) || budget < 1)) {
    throw new ConfigError(
      `createOptimizer: budget must be a positive integer, got ${String(budget)}`,
    );
  }
  const userOptions = jsonCopy<JsonObject>(options.options ?? {}, 'createOptimizer: options');
  const algoOptions: Record<string, unknown> = { ...userOptions };
  const entry = getAlgorithm(name);
  // a misspelt option would otherwise be ignored silently
  const known = Object.keys(entry.resolve({}));
  const unknown = Object.keys(userOptions).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new ConfigError(
      `createOptimizer: ${name} has no option ${unknown.map((k) => `'${k}'`).join(', ')}; valid: ${known.join(', ')}`,
    );
  }
  if (
    name === 'bananas' &&
    algoOptions.encoding === undefined &&
    !space.encodings.includes('trunc_path')
  ) {
    algoOptions.encoding = space.encodings[0];
  }
  if (
    name === 'dngo' &&
    algoOptions.encoding === undefined &&
    !space.encodings.includes('adjacency')
  ) {
    algoOptions.encoding = space.encodings.includes('onehot') ? 'onehot' : space.encodings[0];
  }
  let replaying = false;
  let picks: Map<string, number> = new Map();
  let poolRanks: number[] | undefined;
  const trainer = options.trainer ?? trainEnsemble;
  const switchable: EnsembleTrainer = (data, o, rng) =>
    replaying && standIn
      ? Promise.resolve(standInEnsemble(data.y, picks, poolRanks, data.cols))
      : trainer(data, o, rng);
  const ctx: OptimizerContext<A> = {
    space,
    rng: new Rng(seed),
    onEvent: (event) => {
      if (!replaying) options.onEvent?.(event);
    },
  };
  const resolved = entry.resolve(algoOptions);
  const algo: Optimizer<A> =
    name === 'bananas'
      ? createBananas(ctx, resolved as Partial<BananasOptions>, { trainer: switchable })
      : entry.create(ctx, resolved);

  // state: the log, the proposals not yet handed out, the trials
  const log: LogEntry[] = [];
  let buffer: A[] = [];
  let handedOut = 0;
  let proposedCount = 0;
  const pendingList: Array<{ arch: A; hash: string }> = [];
  const trials: Trial<A>[] = [];
  let best: Trial<A> | undefined;

  const remaining = (): number =>
    budget === undefined
      ? Number.MAX_SAFE_INTEGER
      : budget - Math.max(proposedCount, trials.length);

  const nextBatch = async (): Promise<A[]> => {
    if (remaining() <= 0) return [];
    const batch = await algo.ask(remaining());
    proposedCount += batch.length;
    log.push({ proposed: batch.map((a) => space.serialize(a)) });
    return batch;
  };

  const record = (arch: A, valError: number, extra: JsonValue | undefined): void => {
    const hash = space.hash(arch);
    const trial: Trial<A> =
      extra === undefined
        ? { index: trials.length, arch, hash, valError }
        : { index: trials.length, arch, hash, valError, extra };
    algo.tell(arch, valError);
    trials.push(trial);
    if (best === undefined || valError < best.valError) best = trial;
    const p = pendingList.findIndex((x) => x.hash === hash);
    if (p >= 0) pendingList.splice(p, 1);
    log.push(
      extra === undefined
        ? { told: space.serialize(arch), valError }
        : { told: space.serialize(arch), valError, extra },
    );
  };

  // the candidate pool BANANAS is about to build (same generator state, history and seen set),
  // with the rank of each recorded pick in it, so the stand-in can rank pool rows directly
  const expectedPoolRanks = (want: readonly A[]): number[] | undefined => {
    try {
      const seen = new Set<string>(trials.map((t) => t.hash));
      for (const entry of log)
        if ('proposed' in entry)
          for (const t of entry.proposed) seen.add(space.hash(space.parse(t)));
      const pool = buildCandidates(
        space,
        Rng.fromState(ctx.rng.state()),
        trials,
        seen,
        resolved as unknown as BananasOptions,
      );
      const rank = new Map(want.map((a, i) => [space.hash(a), i]));
      return pool.map((a) => rank.get(space.hash(a)) ?? -1);
    } catch {
      return undefined;
    }
  };

  const self: Internal<A> = {
    algorithm: name,
    space,
    trials,

    async ask(n = 1): Promise<A[]> {
      if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`ask: n must be a positive integer, got ${String(n)}`);
      if (buffer.length === 0) buffer = await nextBatch();
      const out = buffer.splice(0, n);
      handedOut += out.length;
      for (const a of out) pendingList.push({ arch: a, hash: space.hash(a) });
      return out;
    },

    tell(arch: A, valError: number, extra?: JsonValue): void {
      space.validate(arch);
      if (typeof valError !== 'number' || !Number.isFinite(valError)) {
        throw new RangeError(`tell: valError must be a finite number, got ${String(valError)}`);
      }
      record(arch, valError, extra === undefined ? undefined : jsonCopy(extra, 'tell: extra'));
    },

    best: () => best,

    pending: () => pendingList.map((x) => x.arch),

    async minimise(
      objective: Objective<A>,
      o: { budget?: number } = {},
    ): Promise<MinimiseResult<A>> {
      const target = o.budget ?? budget;
      if (target === undefined || !Number.isInteger(target) || target < 1) {
        throw new ConfigError(
          `minimise: give a positive integer budget (here or to createOptimizer), got ${String(target)}`,
        );
      }
      while (trials.length < target) {
        const batch =
          pendingList.length > 0 ? self.pending() : await self.ask(target - trials.length);
        if (batch.length === 0) break;
        for (const arch of batch) {
          if (trials.length >= target) break;
          const r = await objective(arch);
          if (typeof r === 'number') self.tell(arch, r);
          else if (r !== null && typeof r === 'object') self.tell(arch, r.valError, r.extra);
          else
            throw new TypeError(
              `minimise: the objective must return a number or { valError, extra }, got ${String(r)}`,
            );
        }
      }
      return { best, trials };
    },

    state(): OptimizerState {
      return {
        schema: OPTIMIZER_STATE_SCHEMA,
        version: OPTIMIZER_STATE_VERSION,
        algorithm: name,
        space: space.name,
        seed,
        budget: budget ?? null,
        options: jsonCopy<JsonObject>(userOptions, 'state: options'),
        log: jsonCopy<JsonValue[]>(log, 'state: log') as unknown as LogEntry[],
        handedOut,
      };
    },

    async replay(): Promise<void> {
      // replay: feed the recorded log through the fresh algorithm, checking every batch
      replaying = true;
      try {
        let batches = 0;
        for (const entry of recorded) {
          if ('proposed' in entry) {
            const want = entry.proposed.map((t) => space.parse(t));
            picks = new Map(
              want.map((a, i) => [
                encodingKey(space, algoOptions.encoding as string | undefined, a),
                i,
              ]),
            );
            poolRanks = name === 'bananas' ? expectedPoolRanks(want) : undefined;
            const got = await nextBatch();
            const wantSet = want.map((a) => space.hash(a)).sort();
            const gotSet = got.map((a) => space.hash(a)).sort();
            if (wantSet.join('\n') !== gotSet.join('\n')) {
              throw new ReplayMismatch(
                `batch ${batches} replays as ${gotSet.length} other architectures than the ${wantSet.length} recorded`,
              );
            }
            log[log.length - 1] = { proposed: entry.proposed.slice() };
            buffer.push(...want);
            batches++;
          } else {
            record(space.parse(entry.told), entry.valError, entry.extra);
          }
        }
        // hand-outs: the first `handedOut` proposals went to the caller; drop those told since
        const all = buffer;
        const told = new Map<string, number>();
        for (const t of trials) told.set(t.hash, (told.get(t.hash) ?? 0) + 1);
        for (const a of all.slice(0, recordedHandedOut)) {
          const h = space.hash(a);
          const c = told.get(h) ?? 0;
          if (c > 0) told.set(h, c - 1);
          else pendingList.push({ arch: a, hash: h });
        }
        buffer = all.slice(recordedHandedOut);
        handedOut = recordedHandedOut;
      } finally {
        replaying = false;
      }
    },
  };
  return self;
}

/** Key of an architecture's encoding, matching how the stand-in ensemble sees a candidate row. */
function encodingKey<A>(space: SearchSpace<A>, encoding: string | undefined, arch: A): string {
  const enc = encoding ?? 'trunc_path';
  if (!space.encodings.includes(enc)) return '';
  return rowKey(space.encode(arch, enc), 0, space.encodingLength(enc));
}

function rowKey(x: Float32Array, start: number, cols: number): string {
  const parts: string[] = [];
  for (let j = 0; j < cols; j++) if (x[start + j] !== 0) parts.push(`${j}:${x[start + j]}`);
  return parts.join(',');
}

/**
 * An ensemble that predicts `yMin − 1000 + rank` for the recorded picks and `yMin + 1000` for
 * everything else, identically in every member (zero spread), so that every acquisition
 * function ranks the recorded picks first. Picks are found by pool position when the expected
 * pool (`poolRanks`) matches the rows predicted, else by encoding.
 */
function standInEnsemble(
  y: Float64Array,
  picks: Map<string, number>,
  poolRanks: number[] | undefined,
  cols: number,
): Ensemble {
  const yMin = Math.min(...y);
  return {
    size: 5,
    predict(x: Float32Array, rows: number): Float64Array[] {
      const p = new Float64Array(rows);
      const byPosition = poolRanks !== undefined && poolRanks.length === rows;
      for (let i = 0; i < rows; i++) {
        const rank = byPosition ? poolRanks[i]! : (picks.get(rowKey(x, i * cols, cols)) ?? -1);
        p[i] = rank < 0 ? yMin + 1000 : yMin - 1000 + rank;
      }
      return Array.from({ length: 5 }, () => p.slice());
    },
  };
}
