import { availableParallelism } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertOutsideData, resolveDataDir } from '../bench/data-path.js';
import { runExperiment, type ExperimentEvent } from '../bench/experiment.js';
import type { TrialRecord } from '../bench/results.js';
import { ConfigError } from '../core/errors.js';
import { summarise, type Summary } from '../report/summary.js';
import { formatSummaryText } from '../report/markdown.js';
import { resolveBackend } from '../nn/backend/resolve.js';
import type { BackendChoice } from '../nn/types.js';
import { ACQUISITIONS } from '../search/acquisition.js';
import { ACQ_OPTIMIZERS } from '../search/bananas.js';
import { algorithms, getAlgorithm } from '../search/registry.js';
import { formatFlagHelp, parseFlags, type FlagSpec, type ParsedFlags } from './args.js';
import type { CliIo } from './main.js';
import { Progress } from './progress.js';

/** Named settings; explicit flags override them. */
const PRESETS: Record<string, ParsedFlags> = {
  // the README's first command: BANANAS against the two simple baselines, a few minutes on 2 cores
  quick: {
    space: 'nb201',
    dataset: 'cifar100',
    algorithms: ['bananas', 'evolution', 'random'],
    trials: 20,
    budget: 150,
  },
  // every searcher of the paper's comparison that runs here, reference settings, 100 trials
  paper: {
    space: 'nb201',
    dataset: 'cifar10',
    algorithms: ['bananas', 'local', 'gp', 'dngo', 'evolution', 'random'],
    trials: 100,
    budget: 150,
  },
};

function flagSpecs(): FlagSpec[] {
  return [
    {
      name: 'space',
      kind: 'string',
      help: 'search space with a benchmark table: nb201 (default), nb101',
      choices: ['nb201', 'nb101'],
    },
    {
      name: 'dataset',
      kind: 'string',
      help: 'nb201: cifar10 (default), cifar100, imagenet16; nb101: cifar10',
    },
    {
      name: 'algorithms',
      kind: 'list',
      help: `comma-separated, from: ${algorithms()
        .map((a) => a.name)
        .join(', ')} (default bananas,evolution,random)`,
    },
    { name: 'trials', kind: 'int', help: 'seeded trials per algorithm (default 20)' },
    { name: 'budget', kind: 'int', help: 'queries per trial (default 150)' },
    {
      name: 'seed',
      kind: 'int',
      help: 'run seed; trial t of every algorithm uses a seed derived from (seed, t) (default 0)',
    },
    {
      name: 'out',
      kind: 'string',
      help: 'results folder (default results/<space>-<dataset>-s<seed>-b<budget>); finished trials there are kept (resume)',
    },
    {
      name: 'workers',
      kind: 'int',
      help: `worker threads (default ${availableParallelism()}, one per core); results do not depend on it`,
    },
    {
      name: 'data',
      kind: 'string',
      help: 'benchmark data folder (default: $BANANAS_DATA, then ../shared/data beside the repo)',
    },
    {
      name: 'preset',
      kind: 'string',
      help: `named settings (${Object.keys(PRESETS).join(', ')}); explicit flags win`,
      choices: Object.keys(PRESETS),
    },
    {
      name: 'checkpoints',
      kind: 'intList',
      help: 'query counts of the summary table (default 50,100,150 within the budget)',
    },
    {
      name: 'json',
      kind: 'boolean',
      help: 'print the summary as one JSON object on stdout (progress stays on stderr)',
    },
    { name: 'quiet', kind: 'boolean', help: 'no progress output' },
    {
      name: 'encoding',
      kind: 'string',
      help: 'bananas: predictor encoding (trunc_path default, path, adjacency, onehot)',
    },
    {
      name: 'acquisition',
      kind: 'string',
      help: `bananas: ${ACQUISITIONS.join(', ')} (default its)`,
      choices: ACQUISITIONS,
    },
    {
      name: 'acq-optimizer',
      kind: 'string',
      help: `bananas: candidate generator ${ACQ_OPTIMIZERS.join(', ')} (default mutation)`,
      choices: ACQ_OPTIMIZERS,
    },
    { name: 'candidates', kind: 'int', help: 'bananas: candidate pool size (default 100)' },
    {
      name: 'ensemble-size',
      kind: 'int',
      help: 'bananas: meta networks in the ensemble (default 5)',
    },
    {
      name: 'epochs',
      kind: 'int',
      help: 'bananas: training epochs of each meta network (default 150)',
    },
    {
      name: 'backend',
      kind: 'string',
      help: 'bananas: meta-network backend wasm, js, gpu or auto (default: $BANANAS_BACKEND, else wasm)',
      choices: ['auto', 'js', 'gpu', 'wasm'],
    },
    {
      name: 'loss',
      kind: 'string',
      help: 'bananas: mae (default) or mape (lower bound 4.5)',
      choices: ['mae', 'mape'],
    },
    {
      name: 'dedupe',
      kind: 'boolean',
      help: 'evolution: re-draw children already queried (the reference re-queries them)',
    },
    {
      name: 'table',
      kind: 'string',
      help: 'nb101: the official nasbench_only108.tfrecord to read instead of nb101.csv.gz (real validation accuracy per repeat)',
    },
    {
      name: 'stochastic',
      kind: 'boolean',
      help: "nb201 cifar10, nb101 with --table: each query sees one random training seed's validation error (the official API's default) instead of the mean",
    },
    {
      name: 'identity',
      kind: 'string',
      help: 'nb101: de-duplication key graph (default, the official isomorphism-invariant hash) or path (the reference BANANAS path-index tuple)',
      choices: ['graph', 'path'],
    },
    {
      name: 'fidelity',
      kind: 'int',
      help: 'nb201: training epochs of the table values, 200 (default) or 12',
    },
    {
      name: 'test-split',
      kind: 'string',
      help: "nb201 cifar100/imagenet16: x-test (default) or ori-test (the reference's choice)",
      choices: ['x-test', 'ori-test'],
    },
  ];
}

/** `bananas help run`. */
export function runHelp(): string {
  return `bananas run [flags]\n\nRuns seeded trials of each algorithm on a tabular benchmark, writes one JSON file per finished\ntrial, and prints the test error of the best-by-validation architecture at the checkpoints.\n\n${formatFlagHelp(flagSpecs())}`;
}

/** `bananas run`: returns the exit code. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags: explicit, rest } = parseFlags(argv, flagSpecs());
  if (rest.length > 0)
    throw new ConfigError(`bananas run takes no positional argument, got '${rest[0]}'`);
  const preset = explicit['preset'] === undefined ? {} : PRESETS[explicit['preset'] as string]!;
  const f: ParsedFlags = { ...preset, ...explicit };

  // resolve: every option of the run, with the reference's defaults
  const space = (f['space'] as string | undefined) ?? 'nb201';
  const dataset = (f['dataset'] as string | undefined) ?? 'cifar10';
  const algos = (f['algorithms'] as string[] | undefined) ?? ['bananas', 'evolution', 'random'];
  const trials = (f['trials'] as number | undefined) ?? 20;
  const budget = (f['budget'] as number | undefined) ?? 150;
  const seed = (f['seed'] as number | undefined) ?? 0;
  const workers = (f['workers'] as number | undefined) ?? availableParallelism();
  for (const a of algos) getAlgorithm(a);
  if (trials < 1) throw new ConfigError(`--trials must be at least 1, got ${trials}`);
  if (budget < 1) throw new ConfigError(`--budget must be at least 1, got ${budget}`);
  if (workers < 1) throw new ConfigError(`--workers must be at least 1, got ${workers}`);
  if (seed < 0) throw new ConfigError(`--seed must be a non-negative integer, got ${seed}`);
  const out = resolve(
    (f['out'] as string | undefined) ?? `results/${space}-${dataset}-s${seed}-b${budget}`,
  );
  const wanted =
    (f['checkpoints'] as number[] | undefined) ?? [50, 100, 150].filter((q) => q <= budget);
  const outside = wanted.filter((q) => q < 1 || q > budget);
  if (outside.length > 0)
    throw new ConfigError(`--checkpoints ${outside.join(',')} outside 1..${budget} (the budget)`);
  const checkpoints = [...new Set([...wanted, budget])].sort((a, b) => a - b);
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new ConfigError(`--out ${out} is a file, not a folder`);
  const dataDir = resolveDataDir(f['data'] as string | undefined, io.env);
  assertOutsideData(out, dataDir);
  const algorithmOptions = bananasFlags(f, algos);
  const oracleOptions: Record<string, unknown> = {};
  if (f['fidelity'] !== undefined) oracleOptions['fidelity'] = f['fidelity'];
  // an explicit default is the default: only non-default benchmark options identify a run
  if (f['fidelity'] === 200) delete oracleOptions['fidelity'];
  if (f['test-split'] !== undefined && f['test-split'] !== 'x-test')
    oracleOptions['testSplit'] = f['test-split'];
  const stochastic = f['stochastic'] === true ? { mode: 'stochastic', seed } : {};
  if (space !== 'nb201' && Object.keys(oracleOptions).length > 0)
    throw new ConfigError('--fidelity and --test-split apply to --space nb201 only');
  Object.assign(oracleOptions, stochastic);
  if (f['identity'] !== undefined) {
    if (space !== 'nb101') throw new ConfigError('--identity applies to --space nb101 only');
    if (f['identity'] !== 'graph') oracleOptions['identity'] = f['identity'];
  }
  if (f['test-split'] !== undefined && dataset === 'cifar10')
    throw new ConfigError(
      '--test-split applies to --dataset cifar100 and imagenet16 (cifar10 has one test set)',
    );

  // run: trials on worker threads, each written as soon as it finishes
  const quiet = f['quiet'] === true;
  const progress = new Progress(io, { quiet, live: io.isTTY && !quiet, algorithms: algos });
  const replay = replayLine({ ...f, space, dataset, algorithms: algos, trials, budget, seed, out });
  if (algos.some((a) => getAlgorithm(a).usesModel)) {
    // said once here; every trial records the name of the backend its options resolve to
    const resolved = await resolveBackend(f['backend'] as BackendChoice | undefined);
    progress.line(`meta-network backend: ${resolved.reason}`);
  }
  const records = await runExperiment({
    space,
    dataset,
    dataDir,
    algorithms: algos,
    algorithmOptions,
    oracleOptions,
    ...(f['table'] === undefined ? {} : { tableFile: resolve(f['table'] as string) }),
    trials,
    budget,
    seed,
    out,
    workers,
    onEvent: (e: ExperimentEvent) => {
      if (e.type === 'start') progress.line(`seed ${seed}; replay with: ${replay}`);
      progress.event(e);
    },
  });
  progress.finish();

  // summarise: test error of the best-by-validation architecture at the checkpoints
  const summary = summarise(records, { checkpoints });
  if (f['json'] === true)
    io.out(JSON.stringify(summaryJson(summary, { out, seed, trials, records }), null, 2) + '\n');
  else {
    if (quiet) io.out(`${records[0]?.objective ?? ''}\n`);
    io.out(
      `\n${space} ${dataset}, ${trials} trial${trials === 1 ? '' : 's'} × ${budget} queries: test error (%) of the best-by-validation architecture, and its regret to the table's best test error (${summary.optimum.testError.toFixed(3)} %)\n`,
    );
    io.out(formatSummaryText(summary, { checkpoints, regret: true }) + '\n');
    io.out(`results in ${out}; plots and a markdown table: bananas report ${out}\n`);
  }
  return 0;
}

/** The command line that replays a run: every effective flag, presets expanded. */
function replayLine(f: ParsedFlags): string {
  const skip = new Set(['preset', 'json', 'quiet', 'workers', 'data']);
  const parts = ['bananas run'];
  for (const spec of flagSpecs()) {
    const v = f[spec.name];
    if (v === undefined || skip.has(spec.name)) continue;
    if (spec.kind === 'boolean') {
      if (v === true) parts.push(`--${spec.name}`);
    } else parts.push(`--${spec.name} ${Array.isArray(v) ? v.join(',') : quote(String(v))}`);
  }
  return parts.join(' ');
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Maps the BANANAS / evolution flags to algorithm options (only for algorithms in the run). */
function bananasFlags(f: ParsedFlags, algos: string[]): Record<string, Record<string, unknown>> {
  const b: Record<string, unknown> = {};
  const ens: Record<string, unknown> = {};
  for (const k of ['candidates', 'ensemble-size', 'epochs'] as const) {
    if (f[k] !== undefined && (f[k] as number) < 1)
      throw new ConfigError(`--${k} must be at least 1, got ${f[k]}`);
  }
  if (f['encoding'] !== undefined) b['encoding'] = f['encoding'];
  if (f['acquisition'] !== undefined) b['acquisition'] = f['acquisition'];
  if (f['acq-optimizer'] !== undefined) b['acqOptimizer'] = f['acq-optimizer'];
  if (f['candidates'] !== undefined) b['candidates'] = f['candidates'];
  if (f['ensemble-size'] !== undefined) ens['size'] = f['ensemble-size'];
  if (f['epochs'] !== undefined) ens['epochs'] = f['epochs'];
  if (f['loss'] !== undefined) ens['loss'] = f['loss'];
  if (f['backend'] !== undefined) ens['backend'] = f['backend'];
  if (Object.keys(ens).length > 0) b['ensemble'] = ens;
  const result: Record<string, Record<string, unknown>> = {};
  if (Object.keys(b).length > 0) {
    if (!algos.includes('bananas'))
      throw new ConfigError(
        `--${Object.keys(b)[0] === 'ensemble' ? 'ensemble options' : Object.keys(b)[0]} applies to bananas, which is not in --algorithms`,
      );
    result['bananas'] = b;
  }
  if (f['dedupe'] === true) {
    if (!algos.includes('evolution'))
      throw new ConfigError('--dedupe applies to evolution, which is not in --algorithms');
    result['evolution'] = { dedupe: true };
  }
  return result;
}

function seOrNull(m: { n: number; mean: number; se: number }): {
  n: number;
  mean: number;
  se: number | null;
} {
  return m.n < 2 ? { ...m, se: null } : m;
}

/** The `--json` summary object. */
export function summaryJson(
  s: Summary,
  extra: { out: string; seed: number; trials: number; records?: readonly TrialRecord[] },
): Record<string, unknown> {
  return {
    space: s.space,
    dataset: s.dataset,
    budget: s.budget,
    trials: extra.trials,
    seed: extra.seed,
    out: extra.out,
    optimum: s.optimum,
    checkpoints: s.checkpoints,
    algorithms: s.algorithms.map((a) => ({
      algorithm: a.algorithm,
      trials: a.trials,
      // one trial has no standard error: null rather than a misleading 0
      at: a.checkpoints.map((c) => ({
        queries: c.queries,
        n: c.n,
        testError: seOrNull(c.testError),
        regret: seOrNull(c.regret),
      })),
      stoppedEarly: (extra.records ?? [])
        .filter((r) => r.algorithm === a.algorithm && r.stoppedEarly !== undefined)
        .map((r) => ({ trial: r.trial, queries: r.queries.length, reason: r.stoppedEarly })),
    })),
  };
}
