import { ConfigError } from '../core/errors.js';
import { createBananas, resolveBananasOptions } from './bananas.js';
import { createDngo, resolveDngoOptions } from './dngo.js';
import { createEvolution, defaultEvolutionOptions } from './evolution.js';
import { createGpBayesOpt, resolveGpBayesOptOptions } from './gp-bo.js';
import { createLocalSearch, resolveLocalSearchOptions } from './local.js';
import { createRandomSearch, defaultRandomSearchOptions } from './random.js';
import type { Optimizer, OptimizerContext } from './types.js';

/** A searcher the CLI and the harness can find by name. */
export interface AlgorithmEntry {
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** Whether it trains a meta network (its results then record the compute backend). */
  readonly usesModel: boolean;
  /** Resolves partial options against the defaults (throws ConfigError on a bad value). */
  resolve(options: Record<string, unknown>): Record<string, unknown>;
  create<A>(ctx: OptimizerContext<A>, options: Record<string, unknown>): Optimizer<A>;
}

const entries: AlgorithmEntry[] = [
  {
    name: 'bananas',
    description:
      'BANANAS: MLP-ensemble predictor on path encodings, ITS over mutations of the best',
    usesModel: true,
    resolve: (o) => resolveBananasOptions(o) as unknown as Record<string, unknown>,
    create: (ctx, o) => createBananas(ctx, o),
  },
  {
    name: 'evolution',
    description:
      'regularised evolution (population 30, tournament 10 with replacement, oldest removed)',
    usesModel: false,
    resolve: (o) => ({ ...defaultEvolutionOptions, ...o }),
    create: (ctx, o) => createEvolution(ctx, o),
  },
  {
    name: 'random',
    description: 'random search without repeats',
    usesModel: false,
    resolve: (o) => ({ ...defaultRandomSearchOptions, ...o }),
    create: (ctx, o) => createRandomSearch(ctx, o),
  },
  {
    name: 'local',
    description:
      'local search: first improvement over the shuffled neighbourhood, random restart at a local minimum',
    usesModel: false,
    resolve: (o) => resolveLocalSearchOptions(o) as unknown as Record<string, unknown>,
    create: (ctx, o) => createLocalSearch(ctx, o),
  },
  {
    name: 'gp',
    description:
      'BO with a Gaussian process over an architecture distance (fixed ℓ = 3, α = 1.5), sampled UCB',
    usesModel: false,
    resolve: (o) => resolveGpBayesOptOptions(o) as unknown as Record<string, unknown>,
    create: (ctx, o) => createGpBayesOpt(ctx, o),
  },
  {
    name: 'dngo',
    description: 'DNGO: an MLP basis with Bayesian linear regression on its last hidden layer, UCB',
    usesModel: true,
    resolve: (o) => resolveDngoOptions(o) as unknown as Record<string, unknown>,
    create: (ctx, o) => createDngo(ctx, o),
  },
];

/** Registers a searcher (used for the baselines that live in their own modules). */
export function registerAlgorithm(entry: AlgorithmEntry): void {
  const i = entries.findIndex((e) => e.name === entry.name);
  if (i >= 0) entries[i] = entry;
  else entries.push(entry);
}

/** Every registered searcher, in registration order. */
export function algorithms(): readonly AlgorithmEntry[] {
  return entries;
}

/** Finds a searcher by name; an unknown name fails with the list of valid names. */
export function getAlgorithm(name: string): AlgorithmEntry {
  const e = entries.find((x) => x.name === name);
  if (e === undefined) {
    throw new ConfigError(
      `unknown algorithm '${name}'; valid: ${entries.map((x) => x.name).join(', ')}`,
    );
  }
  return e;
}
