import type { SearchSpace } from '../space/types.js';

/** What one query of a tabular benchmark returns. Errors in percent (0-100). */
export interface QueryResult {
  /** Validation error, %: the only value a searcher may see. */
  valError: number;
  /** Test error, %: for reports only. */
  testError: number;
  /** Simulated training time of the architecture, seconds. */
  trainTime: number;
}

/** The table's best values, computed with the same aggregation the oracle reports. */
export interface OracleOptimum {
  /** Lowest validation error in the table, %. */
  valError: number;
  /** Lowest test error in the table, % (the reference point of regret). */
  testError: number;
  /** Test error of the architecture with the lowest validation error, %. */
  testErrorOfBestVal: number;
}

/**
 * A tabular benchmark answering `query(arch)`. It owns the budget counters: every call counts
 * one query and adds the architecture's training time, repeats included (as the official
 * NB101 API counts them).
 */
export interface Oracle<A> {
  readonly space: SearchSpace<A>;
  /** Dataset id as given on the CLI ('cifar10', 'cifar100', 'imagenet16', ...). */
  readonly dataset: string;
  /** A short sentence saying what the objective and the test metric are (shown by the CLI). */
  readonly description: string;
  query(arch: A): QueryResult;
  /** Looks up without counting (analysis helpers, reports). */
  peek(arch: A): QueryResult;
  readonly queryCount: number;
  /** Sum of `trainTime` over every query so far, seconds. */
  readonly simulatedSeconds: number;
  readonly optimum: OracleOptimum;
  /**
   * A fresh oracle over the same table with zeroed counters (one per trial). `seed` re-seeds the
   * generator of a stochastic oracle (the harness passes each trial's seed, so trials draw
   * independent noise); without it the original seed is reused. Deterministic oracles ignore it.
   */
  fresh(seed?: number): Oracle<A>;
}
