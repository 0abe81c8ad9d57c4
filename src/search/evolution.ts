import { ConfigError } from '../core/errors.js';
import { checkContext, checkRemaining, checkValError } from './checks.js';
import { sampleUnseen } from './sampling.js';
import type { Optimizer, OptimizerContext } from './types.js';

/** Options of regularised evolution; defaults are the reference's (REFERENCE §2.2). */
export interface EvolutionOptions {
  /** Random architectures before evolution starts (default 10). */
  initialSamples: number;
  /** Population cap: after a child is added, the population is pruned below this (default 30). */
  populationSize: number;
  /** Members drawn, with replacement, per tournament (default 10). */
  tournamentSize: number;
  /** Mutation rate handed to `space.mutate` (default 1). */
  mutationRate: number;
  /** Remove the oldest member (true, regularised) or the worst (false). Default true. */
  regularize: boolean;
  /**
   * Re-draw children whose hash was already queried (PITFALLS B01). Default false: the
   * reference queries such children again, spending budget on them.
   */
  dedupe: boolean;
}

export const defaultEvolutionOptions: EvolutionOptions = {
  initialSamples: 10,
  populationSize: 30,
  tournamentSize: 10,
  mutationRate: 1,
  regularize: true,
  dedupe: false,
};

/**
 * Regularised evolution as the reference runs it: `initialSamples` distinct random
 * architectures form the population; then, one child per `ask`, sample `tournamentSize`
 * members with replacement, mutate the one with the lowest validation error, and once the
 * child is told, append it and, if the population has reached `populationSize`, remove the
 * oldest (or worst). Tournaments therefore see 10, 11, …, 29 members and then always 29, as
 * in the reference.
 */
export function createEvolution<A>(
  ctx: OptimizerContext<A>,
  options: Partial<EvolutionOptions> = {},
): Optimizer<A> {
  checkContext('evolution', ctx);
  const o = { ...defaultEvolutionOptions, ...options };
  for (const key of ['initialSamples', 'populationSize', 'tournamentSize'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1)
      throw new ConfigError(`evolution: ${key} must be a positive integer, got ${o[key]}`);
  }
  const { space, rng } = ctx;
  const seen = new Set<string>();
  let population: Array<{ arch: A; valError: number; age: number }> = [];
  let age = 0;
  let initialised = false;
  let initialPending = 0;

  return {
    name: 'evolution',
    async ask(remaining: number): Promise<A[]> {
      checkRemaining('evolution', remaining);
      if (!initialised) {
        initialised = true;
        const first = sampleUnseen(space, rng, Math.min(o.initialSamples, remaining), seen);
        initialPending = first.length;
        return first;
      }
      if (population.length === 0) return sampleUnseen(space, rng, 1, seen);
      // select: tournament drawn with replacement; the lowest validation error wins
      let parent = population[rng.int(population.length)]!;
      for (let t = 1; t < o.tournamentSize; t++) {
        const c = population[rng.int(population.length)]!;
        if (c.valError < parent.valError) parent = c;
      }
      // mutate: one child (optionally re-drawn until its hash is new)
      let child = space.mutate(parent.arch, rng, { rate: o.mutationRate });
      if (o.dedupe) {
        for (let tries = 0; seen.has(space.hash(child)) && tries < 100; tries++) {
          child = space.mutate(parent.arch, rng, { rate: o.mutationRate });
        }
        if (seen.has(space.hash(child))) return sampleUnseen(space, rng, 1, seen);
        seen.add(space.hash(child));
      }
      return [child];
    },
    tell(arch: A, valError: number): void {
      checkValError('evolution', valError);
      seen.add(space.hash(arch));
      if (initialPending > 0) {
        // the reference's population is the first min(initialSamples, populationSize) of them
        initialPending--;
        if (population.length < o.populationSize) population.push({ arch, valError, age: age++ });
        return;
      }
      population.push({ arch, valError, age: age++ });
      // age: drop the oldest (or the worst) once the population is full
      if (population.length >= o.populationSize) {
        let drop = 0;
        for (let i = 1; i < population.length; i++) {
          const better = o.regularize
            ? population[i]!.age < population[drop]!.age
            : population[i]!.valError > population[drop]!.valError;
          if (better) drop = i;
        }
        population = population.filter((_, i) => i !== drop);
      }
    },
  };
}
