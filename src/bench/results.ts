import type { OracleOptimum } from './oracle.js';

/** Schema id and version written into every trial file. */
export const TRIAL_SCHEMA = 'bananas-ts/trial';
export const TRIAL_SCHEMA_VERSION = 1;
/** Schema id and version of the run manifest (`run.json` in the output folder). */
export const RUN_SCHEMA = 'bananas-ts/run';
export const RUN_SCHEMA_VERSION = 1;

/** One query of a trial, in query order. Errors in %, times in seconds. */
export interface QueryRecord {
  /** 1-based query number. */
  i: number;
  /** Canonical text form of the architecture (`space.serialize`). */
  arch: string;
  /** Identity key (`space.hash`). */
  hash: string;
  valError: number;
  testError: number;
  /** Simulated training time of this architecture (table value). */
  trainTime: number;
  /** Cumulative simulated training time up to and including this query. */
  simulatedSeconds: number;
  /** Cumulative wall time spent inside the optimiser (ask/tell) up to this query. */
  optimizerSeconds: number;
}

/**
 * One finished trial: written atomically (temp file, then rename) as
 * `<out>/trials/<algorithm>-<trial>.json` as soon as the trial ends.
 */
export interface TrialRecord {
  schema: typeof TRIAL_SCHEMA;
  schemaVersion: number;
  package: { name: string; version: string };
  space: string;
  dataset: string;
  algorithm: string;
  /** 0-based trial number within the run. */
  trial: number;
  /** The run's seed (`--seed`). */
  runSeed: number;
  /** This trial's own seed, derived from (runSeed, trial) only. */
  seed: number;
  budget: number;
  /** Resolved algorithm options. */
  options: Record<string, unknown>;
  /** Compute backend of the meta network ('js', 'gpu', ...; 'none' for model-free algorithms). */
  backend: string;
  /** What the objective and the test metric are. */
  objective: string;
  optimum: OracleOptimum;
  queries: QueryRecord[];
  /**
   * Why the trial made fewer than `budget` queries, when it did (e.g. the optimiser had nothing
   * new to propose: the space is exhausted); absent for a trial that spent its whole budget.
   */
  stoppedEarly?: string;
  /** Wall time of the whole trial, seconds. */
  wallSeconds: number;
}

/** The run manifest; a resumed run must match it exactly. */
export interface RunManifest {
  schema: typeof RUN_SCHEMA;
  schemaVersion: number;
  package: { name: string; version: string };
  space: string;
  dataset: string;
  algorithms: string[];
  trials: number;
  budget: number;
  seed: number;
  /** Resolved options per algorithm. */
  options: Record<string, Record<string, unknown>>;
  /**
   * The benchmark behind the results: the oracle's options (NB201 fidelity and test split, ...),
   * the table file when not the data folder's, and the oracle's description of its objective.
   */
  benchmark?: { oracle: Record<string, unknown>; tableFile?: string; objective: string };
}

/**
 * Test error of the best-by-validation architecture among the first `q` queries (ties keep the
 * earlier query), or NaN when q is 0. This is the reference's reporting rule.
 */
export function incumbentAt(queries: readonly QueryRecord[], q: number): QueryRecord | undefined {
  let best: QueryRecord | undefined;
  const n = Math.min(q, queries.length);
  for (let i = 0; i < n; i++) {
    const r = queries[i]!;
    if (best === undefined || r.valError < best.valError) best = r;
  }
  return best;
}
