import { Rng } from '../core/rng.js';
import { resolveBackend } from '../nn/backend/resolve.js';
import type { BackendChoice } from '../nn/types.js';
import { getAlgorithm } from '../search/registry.js';
import type { SearchEvent } from '../search/types.js';
import type { Oracle } from './oracle.js';
import {
  TRIAL_SCHEMA,
  TRIAL_SCHEMA_VERSION,
  type QueryRecord,
  type TrialRecord,
} from './results.js';
import { PACKAGE } from './version.js';

/** One trial to run. */
export interface TrialSpec {
  algorithm: string;
  /** Resolved options of the algorithm. */
  options: Record<string, unknown>;
  budget: number;
  /** 0-based trial number. */
  trial: number;
  runSeed: number;
  /**
   * Compute backend label written into the record of a model-based searcher (default: the name
   * of the backend its options resolve to, e.g. 'wasm'); model-free searchers record 'none'.
   */
  backend?: string;
}

/** Progress events of a trial; the library never prints, the CLI renders these. */
export type TrialEvent =
  | { type: 'query'; algorithm: string; trial: number; record: QueryRecord }
  | ({ algorithm: string; trial: number } & SearchEvent);

/** Name of the backend a searcher's meta network resolves to (BANANAS `ensemble`, DNGO `net`). */
async function modelBackendName(options: Record<string, unknown>): Promise<string> {
  const nested = (options['ensemble'] ?? options['net']) as { backend?: BackendChoice } | undefined;
  const resolved = await resolveBackend(nested?.backend);
  return resolved.backend.name;
}

/**
 * The seed of trial `trial` of a run seeded `runSeed`: it depends on these two numbers only, so
 * every algorithm sees the same initial random sample in the same trial (common random numbers),
 * and the worker count changes nothing.
 */
export function trialSeed(runSeed: number, trial: number): number {
  const r = new Rng(runSeed);
  let s = r.seed();
  for (let i = 0; i <= trial; i++) s = new Rng(s ^ Math.imul(i + 1, 0x9e3779b1)).seed();
  return s;
}

/**
 * Runs one seeded trial: asks the optimiser for architectures, queries the oracle (a fresh copy,
 * so counters start at zero), tells the optimiser the validation error only, and records every
 * query until the budget is spent or the optimiser has nothing left to propose.
 */
export async function runTrial<A>(
  oracleTemplate: Oracle<A>,
  spec: TrialSpec,
  onEvent?: (e: TrialEvent) => void,
): Promise<TrialRecord> {
  const entry = getAlgorithm(spec.algorithm);
  const seed = trialSeed(spec.runSeed, spec.trial);
  // a stochastic oracle draws its noise from a generator of its own, seeded per trial
  const oracle = oracleTemplate.fresh(new Rng(seed ^ 0x5bd1e995).seed());
  const rng = new Rng(seed);
  const started = performance.now();
  const optimizer = entry.create(
    {
      space: oracle.space,
      rng,
      onEvent: (e) => onEvent?.({ ...e, algorithm: spec.algorithm, trial: spec.trial }),
    },
    spec.options,
  );
  const queries: QueryRecord[] = [];
  let optimizerSeconds = 0;
  let stoppedEarly: string | undefined;
  while (queries.length < spec.budget) {
    const t0 = performance.now();
    const batch = await optimizer.ask(spec.budget - queries.length);
    optimizerSeconds += (performance.now() - t0) / 1000;
    if (batch.length === 0) {
      stoppedEarly = `${spec.algorithm} proposed nothing new after ${queries.length} of ${spec.budget} queries (the space is exhausted, or the searcher gave up looking for an unqueried cell)`;
      break;
    }
    for (const arch of batch.slice(0, spec.budget - queries.length)) {
      oracle.space.validate(arch);
      const r = oracle.query(arch);
      const t1 = performance.now();
      optimizer.tell(arch, r.valError);
      optimizerSeconds += (performance.now() - t1) / 1000;
      const record: QueryRecord = {
        i: queries.length + 1,
        arch: oracle.space.serialize(arch),
        hash: oracle.space.hash(arch),
        valError: r.valError,
        testError: r.testError,
        trainTime: r.trainTime,
        simulatedSeconds: oracle.simulatedSeconds,
        optimizerSeconds,
      };
      queries.push(record);
      onEvent?.({ type: 'query', algorithm: spec.algorithm, trial: spec.trial, record });
    }
  }
  return {
    schema: TRIAL_SCHEMA,
    schemaVersion: TRIAL_SCHEMA_VERSION,
    package: PACKAGE,
    space: oracle.space.name,
    dataset: oracle.dataset,
    algorithm: spec.algorithm,
    trial: spec.trial,
    runSeed: spec.runSeed,
    seed,
    budget: spec.budget,
    options: spec.options,
    backend: entry.usesModel ? (spec.backend ?? (await modelBackendName(spec.options))) : 'none',
    objective: oracle.description,
    optimum: oracle.optimum,
    queries,
    ...(stoppedEarly === undefined ? {} : { stoppedEarly }),
    wallSeconds: (performance.now() - started) / 1000,
  };
}
