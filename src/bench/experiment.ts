import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { getAlgorithm } from '../search/registry.js';
import { openBenchmark, type BenchmarkOptions } from './benchmarks.js';
import { runTrial, type TrialEvent } from './harness.js';
import { RUN_SCHEMA, RUN_SCHEMA_VERSION, type RunManifest, type TrialRecord } from './results.js';
import {
  checkCompatible,
  trialKey,
  mergeManifests,
  readFinishedTrials,
  readManifest,
  writeAtomic,
} from './results-folder.js';

export { writeAtomic } from './results-folder.js';
import { PACKAGE } from './version.js';

/** Options of `runExperiment`. */
export interface ExperimentOptions {
  space: string;
  dataset: string;
  /** Resolved data folder. */
  dataDir: string;
  algorithms: string[];
  /** Partial options per algorithm (resolved against each algorithm's defaults). */
  algorithmOptions?: Record<string, Record<string, unknown>>;
  /** Extra oracle options (NB201 fidelity, test split). */
  oracleOptions?: Record<string, unknown>;
  /** nb101: the official tfrecord file to read instead of the data folder's table. */
  tableFile?: string;
  trials: number;
  budget: number;
  seed: number;
  /** Output folder; trials already finished there are skipped (resume). Omit to write nothing. */
  out?: string;
  /** Worker threads (default: one per core); 1 runs in this thread. Results do not depend on it. */
  workers?: number;
  /**
   * Meta-network backend label recorded for model-based algorithms (default: the backend the
   * algorithm's options resolve to, see `runTrial`); model-free ones record 'none'.
   */
  backend?: string;
  onEvent?: (e: ExperimentEvent) => void;
}

/** Progress of a whole run. */
export type ExperimentEvent =
  | { type: 'start'; total: number; resumed: number; workers: number; description: string }
  | { type: 'trial-done'; record: TrialRecord; done: number; total: number; file?: string }
  | { type: 'skipped-file'; file: string; reason: string }
  | TrialEvent;

/** One unit of work. */
interface Task {
  algorithm: string;
  trial: number;
  options: Record<string, unknown>;
}

/** What every trial of a run shares. */
interface TrialCommon {
  budget: number;
  runSeed: number;
  backend?: string;
}

/**
 * Runs `trials` seeded trials of every algorithm on one benchmark. Each finished trial is
 * written atomically (temporary file, then rename) to `<out>/trials/<algorithm>-<trial>.json`
 * as soon as it ends; a run started again with the same options skips those files and loses at
 * most the trials in flight. A folder whose `run.json` disagrees with these options (space,
 * dataset, budget, seed, or the options of an algorithm both runs share) is refused with a
 * ConfigError that names the difference. Returns every trial record, resumed ones included,
 * ordered by algorithm then trial.
 */
export async function runExperiment(options: ExperimentOptions): Promise<TrialRecord[]> {
  // check: options and algorithms before any work
  if (!Number.isInteger(options.trials) || options.trials < 1)
    throw new ConfigError(`trials must be a positive integer, got ${options.trials}`);
  if (!Number.isInteger(options.budget) || options.budget < 1)
    throw new ConfigError(`budget must be a positive integer, got ${options.budget}`);
  if (options.algorithms.length === 0) throw new ConfigError('no algorithm given');
  const twice = options.algorithms.find((a, i) => options.algorithms.indexOf(a) !== i);
  if (twice !== undefined) throw new ConfigError(`--algorithms lists '${twice}' more than once`);
  const resolved: Record<string, Record<string, unknown>> = {};
  for (const name of options.algorithms) {
    const entry = getAlgorithm(name);
    resolved[name] = entry.resolve(options.algorithmOptions?.[name] ?? {});
    const init = resolved[name]!['initialSamples'];
    if (typeof init === 'number' && init > options.budget) {
      throw new ConfigError(
        `budget ${options.budget} is below ${name}'s initial random sample of ${init} architectures`,
      );
    }
  }
  const benchmark: BenchmarkOptions = {
    dataDir: options.dataDir,
    oracle: options.oracleOptions ?? {},
    ...(options.tableFile === undefined ? {} : { tableFile: options.tableFile }),
  };
  const oracle = await openBenchmark(options.space, options.dataset, benchmark);
  // every algorithm is built once against the space, so a bad option fails before anything is written
  for (const name of options.algorithms)
    getAlgorithm(name).create({ space: oracle.space, rng: new Rng(0) }, resolved[name]!);

  // resume: read the manifest and the finished trials
  const manifest: RunManifest = {
    schema: RUN_SCHEMA,
    schemaVersion: RUN_SCHEMA_VERSION,
    package: PACKAGE,
    space: options.space,
    dataset: options.dataset,
    algorithms: options.algorithms,
    trials: options.trials,
    budget: options.budget,
    seed: options.seed,
    options: resolved,
    benchmark: {
      oracle: options.oracleOptions ?? {},
      ...(options.tableFile === undefined ? {} : { tableFile: options.tableFile }),
      objective: oracle.description,
    },
  };
  const done = new Map<string, TrialRecord>();
  if (options.out !== undefined) {
    const previous = readManifest(options.out);
    if (previous !== undefined) checkCompatible(options.out, previous, manifest);
    mkdirSync(join(options.out, 'trials'), { recursive: true });
    const merged = mergeManifests(previous, manifest);
    writeAtomic(join(options.out, 'run.json'), JSON.stringify(merged, null, 2) + '\n');
    for (const [key, record] of readFinishedTrials(options.out, manifest, oracle, options.onEvent))
      done.set(key, record);
  }

  // plan: every (algorithm, trial) not finished yet, trial-major so early results cover all algorithms
  const tasks: Task[] = [];
  for (let trial = 0; trial < options.trials; trial++) {
    for (const algorithm of options.algorithms) {
      if (!done.has(trialKey(algorithm, trial)))
        tasks.push({ algorithm, trial, options: resolved[algorithm]! });
    }
  }
  const total = options.trials * options.algorithms.length;
  const workers = Math.max(
    1,
    Math.min(options.workers ?? availableParallelism(), tasks.length || 1),
  );
  options.onEvent?.({
    type: 'start',
    total,
    resumed: total - tasks.length,
    workers,
    description: oracle.description,
  });

  let finished = total - tasks.length;
  const onRecord = (record: TrialRecord): void => {
    finished++;
    let file: string | undefined;
    if (options.out !== undefined) {
      file = join(options.out, 'trials', `${record.algorithm}-${record.trial}.json`);
      writeAtomic(file, JSON.stringify(record) + '\n');
    }
    done.set(trialKey(record.algorithm, record.trial), record);
    options.onEvent?.({
      type: 'trial-done',
      record,
      done: finished,
      total,
      ...(file === undefined ? {} : { file }),
    });
  };

  // run: in this thread, or on a pool of worker threads
  const common: TrialCommon = {
    budget: options.budget,
    runSeed: options.seed,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
  };
  if (workers === 1) {
    for (const t of tasks) onRecord(await runTrial(oracle, { ...t, ...common }, options.onEvent));
  } else {
    await runPool(tasks, workers, options, benchmark, common, onRecord);
  }

  return options.algorithms.flatMap((a) =>
    Array.from({ length: options.trials }, (_, t) => done.get(trialKey(a, t))).filter(
      (r): r is TrialRecord => r !== undefined,
    ),
  );
}

/** Runs tasks on `n` worker threads; each worker loads the table once and runs trials in turn. */
async function runPool(
  tasks: Task[],
  n: number,
  options: ExperimentOptions,
  benchmark: BenchmarkOptions,
  common: TrialCommon,
  onRecord: (r: TrialRecord) => void,
): Promise<void> {
  const queue = [...tasks];
  const workerUrl = new URL('./trial-worker.js', import.meta.url);
  let failure: Error | undefined;
  const one = (): Promise<void> =>
    new Promise((resolvePool) => {
      const worker = new Worker(workerUrl, {
        workerData: { space: options.space, dataset: options.dataset, benchmark },
      });
      const next = (): void => {
        const t = failure === undefined ? queue.shift() : undefined;
        if (t === undefined) {
          void worker.terminate().then(() => resolvePool());
          return;
        }
        worker.postMessage({ ...t, ...common });
      };
      worker.on(
        'message',
        (
          m:
            | { type: 'record'; record: TrialRecord }
            | { type: 'event'; event: TrialEvent }
            | { type: 'error'; message: string; name: string },
        ) => {
          if (m.type === 'event') options.onEvent?.(m.event);
          else if (m.type === 'record') {
            onRecord(m.record);
            next();
          } else {
            failure ??= Object.assign(
              m.name === 'ConfigError' ? new ConfigError(m.message) : new Error(m.message),
              { name: m.name },
            );
            next();
          }
        },
      );
      worker.on('error', (e) => {
        failure ??= e;
        resolvePool();
      });
      next();
    });
  await Promise.all(Array.from({ length: n }, one));
  if (failure !== undefined) throw failure;
}
