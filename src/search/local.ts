import { ConfigError } from '../core/errors.js';
import { checkContext, checkRemaining, checkValError } from './checks.js';
import type { Optimizer, OptimizerContext } from './types.js';

/** Options of local search; defaults are the reference's (R2 `local_search`, REFERENCE §2.3). */
export interface LocalSearchOptions {
  /** Random architectures queried at the start and at every restart (default 10). */
  initialSamples: number;
  /**
   * false (default): first improvement, i.e. move to the first neighbour (in shuffled order)
   * that beats the current architecture. true: query every unqueried neighbour, then move to
   * the best of them if it beats the current one.
   */
  queryFullNeighbourhood: boolean;
  /**
   * true (default): at a local minimum restart from `initialSamples` new random architectures.
   * false: after every neighbourhood scan continue from the best architecture queried so far
   * whose neighbourhood has not been expanded yet (R2's `simple_algos` CLI set uses this).
   */
  stopAtMinimum: boolean;
  /**
   * Consecutive random draws that hit already-queried architectures before a restart gives up
   * and the search reports the space exhausted (default 1,000; the reference loops forever).
   */
  maxSampleMisses: number;
}

/** The reference defaults: 10 random points, first improvement, restart at a local minimum. */
export const defaultLocalSearchOptions: LocalSearchOptions = {
  initialSamples: 10,
  queryFullNeighbourhood: false,
  stopAtMinimum: true,
  maxSampleMisses: 1000,
};

/** Resolves options against the defaults; throws ConfigError naming a bad value. */
export function resolveLocalSearchOptions(
  options: Partial<LocalSearchOptions> = {},
): LocalSearchOptions {
  const o = { ...defaultLocalSearchOptions, ...options };
  for (const key of ['initialSamples', 'maxSampleMisses'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new ConfigError(`local: ${key} must be a positive integer, got ${o[key]}`);
    }
  }
  for (const key of ['queryFullNeighbourhood', 'stopAtMinimum'] as const) {
    if (typeof o[key] !== 'boolean') {
      throw new ConfigError(`local: ${key} must be true or false, got ${String(o[key])}`);
    }
  }
  return o;
}

interface Visit<A> {
  arch: A;
  hash: string;
  valError: number;
}

/**
 * Local search (hill climbing) as an ask/tell optimiser, as R2 `local_search` does it
 * (REFERENCE §2.3):
 *
 * 1. query `initialSamples` new random architectures; the current point is the best of them;
 * 2. query the current point's neighbourhood (`space.neighbours`, shuffled), skipping anything
 *    queried before; with first improvement, move as soon as a neighbour is better;
 * 3. at a local minimum (no neighbour better) go back to 1; with `stopAtMinimum: false`,
 *    instead always continue from the best not-yet-expanded architecture of the whole history.
 *
 * Every query counts against the budget (the initial samples of each restart too) and no
 * architecture is ever queried twice (by `space.hash`). `ask` returns one architecture at a
 * time, and an empty list once the space is exhausted.
 *
 * Throws Error from `ask` when the previous architecture was not told, and from `tell` for an
 * architecture that was not the one asked or a non-finite error.
 */
export function createLocalSearch<A>(
  ctx: OptimizerContext<A>,
  options: Partial<LocalSearchOptions> = {},
): Optimizer<A> {
  checkContext('local', ctx);
  const o = resolveLocalSearchOptions(options);
  const { space, rng } = ctx;
  const queried = new Set<string>();
  const expanded = new Set<string>();
  const history: Visit<A>[] = [];

  // one query: hand the architecture out, receive its validation error
  function* query(arch: A, hash: string): Generator<A, Visit<A>, number> {
    queried.add(hash);
    const valError = yield arch;
    const v = { arch, hash, valError };
    history.push(v);
    return v;
  }

  function* program(): Generator<A, void, number> {
    for (;;) {
      // restart: a fresh random sample, start from its best
      const init: Visit<A>[] = [];
      let misses = 0;
      while (init.length < o.initialSamples) {
        const arch = space.sample(rng);
        const hash = space.hash(arch);
        if (queried.has(hash)) {
          if (++misses >= o.maxSampleMisses) return;
          continue;
        }
        misses = 0;
        init.push(yield* query(arch, hash));
      }
      let current = lowest(init)!;

      // climb: scan neighbourhoods until no neighbour improves
      for (;;) {
        expanded.add(current.hash);
        const scanned: Visit<A>[] = [];
        let improved = false;
        for (const nbr of rng.shuffle(space.neighbours(current.arch))) {
          const hash = space.hash(nbr);
          if (queried.has(hash)) continue;
          const v = yield* query(nbr, hash);
          scanned.push(v);
          if (v.valError < current.valError) {
            improved = true;
            if (!o.queryFullNeighbourhood) break;
          }
        }
        if (!o.stopAtMinimum) {
          const next = lowest(history.filter((v) => !expanded.has(v.hash)));
          if (next === undefined) return;
          current = next;
        } else if (!improved) {
          const message = `local: local minimum at ${current.valError}; restarting`;
          ctx.onEvent?.({ type: 'note', message });
          break;
        } else {
          current = lowest(scanned)!;
        }
      }
    }
  }

  const run = program();
  let started = false;
  let pending: { arch: A; hash: string } | undefined;
  let told: number | undefined;
  let finished = false;

  return {
    name: 'local',
    async ask(remaining = 1): Promise<A[]> {
      checkRemaining('local', remaining);
      if (finished || remaining === 0) return [];
      if (pending !== undefined && told === undefined) {
        throw new Error(`local.ask: the previous architecture ${pending.hash} was not told yet`);
      }
      const r = started ? run.next(told!) : run.next();
      started = true;
      told = undefined;
      if (r.done) {
        finished = true;
        pending = undefined;
        return [];
      }
      pending = { arch: r.value, hash: space.hash(r.value) };
      return [r.value];
    },
    tell(arch: A, valError: number): void {
      checkValError('local', valError);
      const hash = space.hash(arch);
      if (pending === undefined || hash !== pending.hash || told !== undefined) {
        throw new Error(`local.tell: ${hash} is not the architecture awaiting its result`);
      }
      told = valError;
    },
  };
}

// lowest validation error; ties keep the earliest
function lowest<A>(visits: readonly Visit<A>[]): Visit<A> | undefined {
  let best: Visit<A> | undefined;
  for (const v of visits) if (best === undefined || v.valError < best.valError) best = v;
  return best;
}
