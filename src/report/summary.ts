import type { OracleOptimum } from '../bench/oracle.js';
import { incumbentAt, type QueryRecord, type TrialRecord } from '../bench/results.js';
import { mean, standardError } from '../core/stats.js';

/** Mean and standard error (sample std / sqrt(n), 0 when n < 2) of `n` values. */
export interface MeanSe {
  n: number;
  mean: number;
  se: number;
}

/** One checkpoint of one algorithm: errors in %. */
export interface CheckpointSummary {
  /** Query count q (the first q queries of each trial). */
  queries: number;
  /** Trials that made at least q queries (only those contribute). */
  n: number;
  /** Test error of the best-by-validation architecture among the first q queries, %. */
  testError: MeanSe;
  /** testError − optimum.testError, % points. */
  regret: MeanSe;
}

/** A curve sampled at `x`: mean, standard error and trial count per point (same lengths). */
export interface Curve {
  x: number[];
  mean: number[];
  se: number[];
  n: number[];
}

/** Everything a report needs about one algorithm. */
export interface AlgorithmSummary {
  algorithm: string;
  /** Number of trials. */
  trials: number;
  /** Trial numbers, in the order their values appear in `finalErrors`. */
  trialIds: number[];
  /** One entry per checkpoint of `Summary.checkpoints`, same order. */
  checkpoints: CheckpointSummary[];
  /** Per trial: test error (%) of the best-by-validation architecture after all its queries. */
  finalErrors: number[];
  /** Incumbent test error (%) against query count 1..(longest trial); see `summarise`. */
  byQueries: Curve;
  /**
   * Incumbent test error (%) against simulated training time (seconds) on `Summary.timeGrid`,
   * only at the grid times where every trial of this algorithm had made its first query and
   * at most up to the time its last trial finished; see `summarise`.
   */
  byTime: Curve;
  /** At each `byTime.x`: how many trials had already used their whole query budget. */
  finishedByTime: number[];
}

/** Summary of one results folder: one space, dataset and budget, several algorithms. */
export interface Summary {
  space: string;
  dataset: string;
  budget: number;
  optimum: OracleOptimum;
  /** Query counts of the checkpoint rows, ascending. */
  checkpoints: number[];
  /** Common grid of simulated training times, seconds, ascending (log-spaced). */
  timeGrid: number[];
  /** In the order each algorithm first appears in the input. */
  algorithms: AlgorithmSummary[];
}

/** Options of `summarise`. */
export interface SummariseOptions {
  /** Query counts to tabulate (integers in 1..budget). Default: `defaultCheckpoints(budget)`. */
  checkpoints?: number[];
  /** Number of points of the log-spaced time grid. Default 80. */
  timePoints?: number;
}

/** The CLI's fixed report points, kept when they fall inside the budget. */
const CLI_CHECKPOINTS = [50, 100, 150];

/**
 * Default checkpoints: 10, 20, ..., budget (the reference's multiples of k = 10), the budget
 * itself when it is not a multiple of 10, and 50/100/150 when they are ≤ budget.
 */
export function defaultCheckpoints(budget: number): number[] {
  const set = new Set<number>();
  for (let q = 10; q <= budget; q += 10) set.add(q);
  for (const q of CLI_CHECKPOINTS) if (q <= budget) set.add(q);
  if (budget >= 1) set.add(budget);
  return [...set].sort((a, b) => a - b);
}

/**
 * Summarises finished trials per algorithm (first-seen order) for tables and plots.
 *
 * - Checkpoints: for each query count q, over the trials with ≥ q queries, the mean and standard
 *   error of the test error (%) of `incumbentAt(queries, q)` (best by validation, ties keep the
 *   earlier query; it may go up when a new validation incumbent tests worse, PITFALLS B08), and
 *   of regret = that − `optimum.testError`.
 * - `byQueries`: the same at every q = 1..(longest trial); a trial shorter than q (e.g. random
 *   search that gave up on duplicates) does not contribute there (`n` drops).
 * - `byTime`: the incumbent at time t is the best-by-validation among the queries whose
 *   cumulative `simulatedSeconds` (table training times, repeats counted: PITFALLS B28) is ≤ t.
 *   A trial that has finished all its queries before t holds its final incumbent (it is what
 *   that trial would deliver given time t). Grid times before some trial's first query are
 *   left out for that algorithm (so every point averages the same trials), and the curve ends
 *   when the algorithm's last trial finishes; `finishedByTime` says how many were holding.
 * - The time grid is log-spaced over [earliest first query, latest finish] of all trials.
 *
 * Throws Error when `trials` is empty, when trials mix space, dataset, budget or optimum
 * (the message names both values), or on a checkpoint outside 1..budget.
 */
export function summarise(trials: readonly TrialRecord[], options: SummariseOptions = {}): Summary {
  // validate: one space, dataset, budget and optimum
  if (trials.length === 0) throw new Error('summarise: no trials to summarise');
  const first = trials[0]!;
  for (const t of trials) {
    for (const key of ['space', 'dataset', 'budget'] as const) {
      if (t[key] !== first[key]) {
        throw new Error(
          `summarise: trials mix ${key} ${JSON.stringify(first[key])} ` +
            `(${first.algorithm}-${first.trial}) and ${JSON.stringify(t[key])} ` +
            `(${t.algorithm}-${t.trial}); report them separately`,
        );
      }
    }
    if (t.optimum.testError !== first.optimum.testError) {
      throw new Error(
        `summarise: trials disagree on optimum.testError ${first.optimum.testError} ` +
          `(${first.algorithm}-${first.trial}) and ${t.optimum.testError} ` +
          `(${t.algorithm}-${t.trial}); were they run on different tables?`,
      );
    }
  }
  const budget = first.budget;
  const checkpoints = options.checkpoints ?? defaultCheckpoints(budget);
  for (const q of checkpoints) {
    if (!Number.isInteger(q) || q < 1 || q > budget) {
      throw new Error(`summarise: checkpoint ${q} is not an integer in 1..${budget} (the budget)`);
    }
  }
  const sortedCheckpoints = [...new Set(checkpoints)].sort((a, b) => a - b);

  // group: algorithms in first-seen order
  const groups = new Map<string, TrialRecord[]>();
  for (const t of trials) {
    const g = groups.get(t.algorithm);
    if (g) g.push(t);
    else groups.set(t.algorithm, [t]);
  }

  // grid: log-spaced simulated times shared by every algorithm
  const timeGrid = logGrid(trials, options.timePoints ?? 80);
  const optimum = first.optimum.testError;

  const algorithms: AlgorithmSummary[] = [];
  for (const [algorithm, group] of groups) {
    algorithms.push(summariseAlgorithm(algorithm, group, sortedCheckpoints, timeGrid, optimum));
  }
  return {
    space: first.space,
    dataset: first.dataset,
    budget,
    optimum: first.optimum,
    checkpoints: sortedCheckpoints,
    timeGrid,
    algorithms,
  };
}

/** Mean and standard error of a list. */
export function meanSe(xs: readonly number[]): MeanSe {
  return { n: xs.length, mean: mean(xs), se: standardError(xs) };
}

function summariseAlgorithm(
  algorithm: string,
  group: TrialRecord[],
  checkpoints: number[],
  timeGrid: number[],
  optimum: number,
): AlgorithmSummary {
  // checkpoints: incumbent test error of trials that reached q queries
  const rows: CheckpointSummary[] = checkpoints.map((q) => {
    const errs = group
      .filter((t) => t.queries.length >= q)
      .map((t) => incumbentAt(t.queries, q)!.testError);
    const regret = meanSe(errs.map((e) => e - optimum));
    return { queries: q, n: errs.length, testError: meanSe(errs), regret };
  });

  // by queries: one incumbent trace per trial, pooled per query count
  const traces = group.map((t) => incumbentTrace(t.queries));
  const longest = Math.max(...traces.map((tr) => tr.length));
  const byQueries: Curve = { x: [], mean: [], se: [], n: [] };
  for (let q = 1; q <= longest; q++) {
    const vals = traces.filter((tr) => tr.length >= q).map((tr) => tr[q - 1]!);
    pushPoint(byQueries, q, vals);
  }

  // by time: hold a finished trial's final incumbent; skip times before any trial started
  const byTime: Curve = { x: [], mean: [], se: [], n: [] };
  const finishedByTime: number[] = [];
  const lastFinish = Math.max(...group.map((t) => finishTime(t)));
  const cursors = group.map(() => 0);
  for (const time of timeGrid) {
    if (time > lastFinish * (1 + 1e-12)) break;
    const vals: number[] = [];
    let finished = 0;
    for (let k = 0; k < group.length; k++) {
      const qs = group[k]!.queries;
      let c = cursors[k]!;
      while (c < qs.length && qs[c]!.simulatedSeconds <= time * (1 + 1e-12)) c++;
      cursors[k] = c;
      if (c > 0) vals.push(traces[k]![c - 1]!);
      if (c === qs.length) finished++;
    }
    if (vals.length < group.length) continue;
    pushPoint(byTime, time, vals);
    finishedByTime.push(finished);
  }

  const finalErrors = traces.map((tr) => (tr.length > 0 ? tr[tr.length - 1]! : NaN));
  return {
    algorithm,
    trials: group.length,
    trialIds: group.map((t) => t.trial),
    checkpoints: rows,
    finalErrors,
    byQueries,
    byTime,
    finishedByTime,
  };
}

/**
 * Test error (%) of the best-by-validation architecture after each query: element q−1 is
 * `incumbentAt(queries, q).testError`. Computed in one pass with the same tie rule (a later
 * query must be strictly better by validation to take over).
 */
export function incumbentTrace(queries: readonly QueryRecord[]): number[] {
  const out: number[] = [];
  let best: QueryRecord | undefined;
  for (const r of queries) {
    if (best === undefined || r.valError < best.valError) best = r;
    out.push(best.testError);
  }
  return out;
}

function pushPoint(curve: Curve, x: number, vals: number[]): void {
  curve.x.push(x);
  curve.mean.push(mean(vals));
  curve.se.push(standardError(vals));
  curve.n.push(vals.length);
}

function finishTime(t: TrialRecord): number {
  return t.queries.length > 0 ? t.queries[t.queries.length - 1]!.simulatedSeconds : 0;
}

/** `points` log-spaced times over [earliest first query, latest finish]; exact end points. */
function logGrid(trials: readonly TrialRecord[], points: number): number[] {
  let lo = Infinity;
  let hi = 0;
  for (const t of trials) {
    if (t.queries.length === 0) continue;
    const t0 = t.queries[0]!.simulatedSeconds;
    if (t0 > 0) lo = Math.min(lo, t0);
    hi = Math.max(hi, finishTime(t));
  }
  if (!(hi > 0) || !Number.isFinite(lo)) return [];
  if (hi <= lo || points < 2) return [hi];
  const grid: number[] = [];
  const a = Math.log(lo);
  const b = Math.log(hi);
  for (let i = 0; i < points; i++) grid.push(Math.exp(a + ((b - a) * i) / (points - 1)));
  grid[0] = lo;
  grid[points - 1] = hi;
  return grid;
}
