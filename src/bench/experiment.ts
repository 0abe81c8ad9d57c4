import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { getAlgorithm } from '../search/registry.js';
import { openBenchmark, type BenchmarkOptions } from './benchmarks.js';
import { runTrial, trialSeed, type TrialEvent } from './harness.js';
import {
  RUN_SCHEMA,
  RUN_SCHEMA_VERSION,
  TRIAL_SCHEMA,
  type RunManifest,
  type TrialRecord,
} from './results.js';
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
      if (!done.has(key(algorithm, trial)))
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
    done.set(key(record.algorithm, record.trial), record);
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
    Array.from({ length: options.trials }, (_, t) => done.get(key(a, t))).filter(
      (r): r is TrialRecord => r !== undefined,
    ),
  );
}

function key(algorithm: string, trial: number): string {
  return `${algorithm}-${trial}`;
}

/** Writes a file atomically: a temporary file in the same folder, then a rename over the target. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function readManifest(out: string): RunManifest | undefined {
  const file = join(out, 'run.json');
  if (!existsSync(file)) {
    if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, 'trials'))) {
      throw new ConfigError(
        `${out} exists, is not empty and holds no run.json: choose another --out`,
      );
    }
    return undefined;
  }
  let m: RunManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as RunManifest;
  } catch (e) {
    throw new ConfigError(
      `${file} is not valid JSON (${(e as Error).message}); move it away or choose another --out`,
    );
  }
  if (m.schema !== RUN_SCHEMA) throw new ConfigError(`${file} is not a bananas-ts run manifest`);
  return m;
}

/** Refuses to mix runs whose results are not comparable. */
function checkCompatible(out: string, previous: RunManifest, current: RunManifest): void {
  const diffs: string[] = [];
  for (const k of ['space', 'dataset', 'budget', 'seed'] as const) {
    if (previous[k] !== current[k])
      diffs.push(`${k} ${JSON.stringify(previous[k])} there, ${JSON.stringify(current[k])} now`);
  }
  const before = previous.benchmark ?? { oracle: {}, objective: '' };
  const now = current.benchmark!;
  if (stableJson(before.oracle) !== stableJson(now.oracle)) {
    diffs.push(`benchmark options differ (${describeDiff(before.oracle, now.oracle)})`);
  }
  if ((before.tableFile ?? null) !== (now.tableFile ?? null)) {
    diffs.push(
      `table file ${JSON.stringify(before.tableFile ?? "the data folder's")} there, ${JSON.stringify(now.tableFile ?? "the data folder's")} now`,
    );
  } else if (before.objective !== now.objective && diffs.length === 0) {
    diffs.push('the benchmark table describes its objective differently (another table version?)');
  }
  for (const a of current.algorithms) {
    const before = previous.options?.[a];
    if (before !== undefined && stableJson(before) !== stableJson(current.options[a])) {
      diffs.push(`options of ${a} differ (${describeDiff(before, current.options[a]!)})`);
    }
  }
  if (diffs.length > 0) {
    throw new ConfigError(
      `${out} holds results of a different run: ${diffs.join('; ')}. Use another --out or remove the folder`,
    );
  }
}

function mergeManifests(previous: RunManifest | undefined, current: RunManifest): RunManifest {
  if (previous === undefined) return current;
  const algorithms = [
    ...previous.algorithms,
    ...current.algorithms.filter((a) => !previous.algorithms.includes(a)),
  ];
  return {
    ...current,
    algorithms,
    trials: Math.max(previous.trials, current.trials),
    options: { ...previous.options, ...current.options },
  };
}

function readFinishedTrials(
  out: string,
  manifest: RunManifest,
  oracle: { dataset: string; description: string; optimum: unknown; space: { name: string } },
  onEvent?: (e: ExperimentEvent) => void,
): Map<string, TrialRecord> {
  const found = new Map<string, TrialRecord>();
  const dir = join(out, 'trials');
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as TrialRecord;
      if (r.schema !== TRIAL_SCHEMA) throw new Error('not a trial record');
      if (!manifest.algorithms.includes(r.algorithm) || r.trial >= manifest.trials) continue;
      if (name !== `${r.algorithm}-${r.trial}.json`)
        throw new Error(`its content is ${r.algorithm} trial ${r.trial}`);
      if (r.space !== oracle.space.name || r.dataset !== oracle.dataset)
        throw new Error(
          `it holds ${r.space} ${r.dataset}, not ${oracle.space.name} ${oracle.dataset}`,
        );
      if (
        r.objective !== oracle.description ||
        stableJson(r.optimum) !== stableJson(oracle.optimum)
      )
        throw new Error('it was run on another benchmark table');
      if (r.runSeed !== manifest.seed || r.seed !== trialSeed(manifest.seed, r.trial))
        throw new Error('its seeds do not match the run');
      if (r.budget !== manifest.budget)
        throw new Error(`its budget is ${r.budget}, the run's ${manifest.budget}`);
      if (
        !Array.isArray(r.queries) ||
        r.queries.length === 0 ||
        r.queries.some((q, i) => q.i !== i + 1)
      )
        throw new Error('its query list is empty or out of order');
      if (r.queries.length !== r.budget && r.stoppedEarly === undefined)
        throw new Error(`it holds ${r.queries.length} of ${r.budget} queries`);
      if (stableJson(r.options) !== stableJson(manifest.options[r.algorithm]))
        throw new Error('its options do not match the run');
      found.set(key(r.algorithm, r.trial), r);
    } catch (e) {
      onEvent?.({
        type: 'skipped-file',
        file,
        reason: `${(e as Error).message}; the trial runs again`,
      });
    }
  }
  return found;
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : x,
  );
}

function describeDiff(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const parts: string[] = [];
  for (const k of keys) {
    if (stableJson(a[k]) !== stableJson(b[k]))
      parts.push(`${k}: ${stableJson(a[k])} there, ${stableJson(b[k])} now`);
  }
  return parts.join(', ');
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
