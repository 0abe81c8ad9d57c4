import { checkContext, checkRemaining, checkValError } from './checks.js';
import { sampleUnseen } from './sampling.js';
import type { Optimizer, OptimizerContext } from './types.js';

/** Options of random search. */
export interface RandomSearchOptions {
  /** Architectures returned per `ask` (no effect on the result; default 10). */
  batchSize: number;
}

export const defaultRandomSearchOptions: RandomSearchOptions = { batchSize: 10 };

/**
 * Random search (REFERENCE §2.1): distinct random architectures, skipping hashes already drawn.
 * Like the reference it gives up on a batch after 5·n − 1 draws, so a nearly exhausted space
 * yields short batches and, finally, an empty one.
 */
export function createRandomSearch<A>(
  ctx: OptimizerContext<A>,
  options: Partial<RandomSearchOptions> = {},
): Optimizer<A> {
  checkContext('random', ctx);
  const o = { ...defaultRandomSearchOptions, ...options };
  const seen = new Set<string>();
  return {
    name: 'random',
    async ask(remaining: number): Promise<A[]> {
      checkRemaining('random', remaining);
      return sampleUnseen(ctx.space, ctx.rng, Math.min(o.batchSize, remaining), seen);
    },
    tell(arch: A, valError: number): void {
      checkValError('random', valError);
      seen.add(ctx.space.hash(arch));
    },
  };
}
