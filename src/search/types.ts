import type { Rng } from '../core/rng.js';
import type { SearchSpace } from '../space/types.js';

/**
 * An ask/tell optimiser. The driver calls `ask()`, evaluates every returned architecture and
 * reports each validation error with `tell()` before asking again. Searchers never see test
 * error.
 */
export interface Optimizer<A> {
  /** Registry name ('bananas', 'random', 'evolution', ...). */
  readonly name: string;
  /**
   * The next architectures to evaluate, in order (at least one unless the space is exhausted).
   * `remaining` is the query budget left; an optimiser may use it to size its batch.
   */
  ask(remaining: number): Promise<A[]>;
  /** Records the validation error (%, lower is better) of an architecture returned by `ask`. */
  tell(arch: A, valError: number): void;
}

/** What an optimiser factory receives. */
export interface OptimizerContext<A> {
  space: SearchSpace<A>;
  rng: Rng;
  /** Emits progress events; the library never prints. */
  onEvent?: (event: SearchEvent) => void;
}

/** Progress events an optimiser may emit (the harness adds 'query' and 'done'). */
export type SearchEvent =
  | { type: 'fit'; trainingPoints: number; seconds: number }
  | { type: 'candidates'; count: number }
  | { type: 'note'; message: string };

/** Builds an optimiser from resolved options. */
export type OptimizerFactory<O = Record<string, unknown>> = <A>(
  ctx: OptimizerContext<A>,
  options: Partial<O>,
) => Optimizer<A>;
