import { openBenchmark } from '../bench/benchmarks.js';
import { resolveDataDir } from '../bench/data-path.js';
import { evaluatePredictors, PREDICT_MODELS, type PredictModel } from '../bench/predict.js';
import { formatPredictReport } from '../bench/predict-format.js';
import { ConfigError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { formatFlagHelp, parseFlags, type FlagSpec } from './args.js';
import type { CliIo } from './main.js';

const FLAGS: FlagSpec[] = [
  { name: 'space', kind: 'string', help: 'nb201 (default) or nb101', choices: ['nb201', 'nb101'] },
  {
    name: 'dataset',
    kind: 'string',
    help: 'nb201: cifar10 (default), cifar100, imagenet16; nb101: cifar10',
  },
  { name: 'train-sizes', kind: 'intList', help: 'training-set sizes (default 20,50,100,200)' },
  { name: 'test-size', kind: 'int', help: 'held-out architectures per repeat (default 500)' },
  {
    name: 'encoding',
    kind: 'list',
    help: 'encodings to compare, comma-separated (default path,adjacency)',
  },
  {
    name: 'models',
    kind: 'list',
    help: `predictors: ${PREDICT_MODELS.join(', ')} (default both)`,
    choices: PREDICT_MODELS,
  },
  { name: 'repeats', kind: 'int', help: 'independent draws of train and test sets (default 3)' },
  { name: 'epochs', kind: 'int', help: 'training epochs of each meta network (default 150)' },
  { name: 'seed', kind: 'int', help: 'seed (default 0)' },
  {
    name: 'data',
    kind: 'string',
    help: 'benchmark data folder (default: $BANANAS_DATA, then ../shared/data)',
  },
  { name: 'json', kind: 'boolean', help: 'print the report as JSON' },
];

/** `bananas help predict`. */
export function predictHelp(): string {
  return `bananas predict [flags]\n\nTrains the meta-network ensemble (and a GP, for comparison) on random architectures and reports,\non held-out architectures, the mean absolute error, Pearson and Kendall correlations, and how often\nthe truth falls within the predicted mean ± 1 and 2 standard deviations.\n\n${formatFlagHelp(FLAGS)}`;
}

/** `bananas predict`. */
export async function predictCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags: f, rest } = parseFlags(argv, FLAGS);
  if (rest.length > 0)
    throw new ConfigError(`bananas predict takes no positional argument, got '${rest[0]}'`);
  const space = (f['space'] as string | undefined) ?? 'nb201';
  const dataset = (f['dataset'] as string | undefined) ?? 'cifar10';
  for (const k of ['encoding', 'train-sizes', 'models'] as const) {
    const v = f[k] as Array<string | number> | undefined;
    const twice = v?.find((x, i) => v.indexOf(x) !== i);
    if (twice !== undefined) throw new ConfigError(`--${k} lists ${twice} more than once`);
  }
  const seed = (f['seed'] as number | undefined) ?? 0;
  if (seed < 0) throw new ConfigError(`--seed must be a non-negative integer, got ${seed}`);
  if (f['epochs'] !== undefined && (f['epochs'] as number) < 1)
    throw new ConfigError(`--epochs must be at least 1, got ${f['epochs']}`);
  const oracle = await openBenchmark(space, dataset, {
    dataDir: resolveDataDir(f['data'] as string | undefined, io.env),
  });
  const epochs = f['epochs'] as number | undefined;
  const report = await evaluatePredictors({
    oracle,
    rng: new Rng(seed),
    ...(f['train-sizes'] === undefined ? {} : { trainSizes: f['train-sizes'] as number[] }),
    ...(f['test-size'] === undefined ? {} : { testSize: f['test-size'] as number }),
    ...(f['encoding'] === undefined ? {} : { encodings: f['encoding'] as string[] }),
    ...(f['models'] === undefined ? {} : { models: f['models'] as PredictModel[] }),
    ...(f['repeats'] === undefined ? {} : { repeats: f['repeats'] as number }),
    ...(epochs === undefined ? {} : { ensemble: { epochs } }),
  });
  io.out(
    f['json'] === true
      ? JSON.stringify(report, null, 2) + '\n'
      : formatPredictReport(report) + '\n',
  );
  return 0;
}
