import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertOutsideData, resolveDataDir } from '../bench/data-path.js';
import { ConfigError, DataFileError } from '../core/errors.js';
import { loadResults } from '../report/load.js';
import { formatSummaryTable } from '../report/markdown.js';
import { summarise } from '../report/summary.js';
import { writeReport } from '../report/write-plots.js';
import { formatFlagHelp, parseFlags, type FlagSpec } from './args.js';
import type { CliIo } from './main.js';
import { summaryJson } from './run.js';

const FLAGS: FlagSpec[] = [
  {
    name: 'checkpoints',
    kind: 'intList',
    help: 'query counts of the tables (default 50,100,150 within the budget, and the budget)',
  },
  {
    name: 'out',
    kind: 'string',
    help: 'folder for the SVG plots and summary.md (default: the results folder)',
  },
  {
    name: 'json',
    kind: 'boolean',
    help: 'print the summary as one JSON object instead of markdown',
  },
  {
    name: 'allow-incomplete',
    kind: 'boolean',
    help: 'summarise even when some trial files are missing or unreadable',
  },
];

/** `bananas help report`. */
export function reportHelp(): string {
  return `bananas report DIR [flags]\n\nSummarises a results folder written by 'bananas run': a markdown table of the test error of the\nbest-by-validation architecture (mean ± s.e.) and of regret, and three SVG plots (error vs queries,\nerror vs simulated training time, final-error box plot).\n\n${formatFlagHelp(FLAGS)}`;
}

/** `bananas report DIR`. */
export async function reportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (rest.length !== 1)
    throw new ConfigError(
      `bananas report takes one results folder, got ${rest.length === 0 ? 'none' : rest.join(' ')}`,
    );
  const dir = resolve(rest[0]!);
  const loaded = loadResults(dir);
  for (const p of loaded.problems) io.err(`bananas: warning: ${p}\n`);
  if (loaded.trials.length === 0) throw new ConfigError(`${dir} holds no finished trial`);
  if (loaded.problems.length > 0 && flags['allow-incomplete'] !== true) {
    throw new ConfigError(
      `${dir}: ${loaded.problems.length} trial file(s) missing or unreadable (listed above); finish the run or pass --allow-incomplete`,
    );
  }
  const budget = loaded.trials[0]!.budget;
  const wanted = (flags['checkpoints'] as number[] | undefined) ?? [50, 100, 150];
  const checkpoints = [...new Set([...wanted.filter((q) => q >= 1 && q <= budget), budget])].sort(
    (a, b) => a - b,
  );
  const outside = ((flags['checkpoints'] as number[] | undefined) ?? []).filter(
    (q) => q < 1 || q > budget,
  );
  if (outside.length > 0)
    throw new ConfigError(`--checkpoints ${outside.join(',')} outside 1..${budget} (the budget)`);
  let summary: ReturnType<typeof summarise>;
  try {
    summary = summarise(loaded.trials, { checkpoints });
  } catch (e) {
    // trials of different runs in one folder: a data problem of the folder, not a crash
    throw new DataFileError(dir, undefined, (e as Error).message);
  }
  const plotDir = resolve((flags['out'] as string | undefined) ?? dir);
  if (existsSync(plotDir) && !statSync(plotDir).isDirectory())
    throw new ConfigError(`--out ${plotDir} is a file, not a folder`);
  try {
    assertOutsideData(plotDir, resolveDataDir(undefined, io.env));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
  }
  if (flags['json'] === true) {
    const seed = loaded.trials[0]!.runSeed;
    io.out(
      JSON.stringify(
        summaryJson(summary, {
          out: dir,
          seed,
          trials: Math.max(...summary.algorithms.map((a) => a.trials)),
          records: loaded.trials,
        }),
        null,
        2,
      ) + '\n',
    );
  } else {
    io.out(`## ${summary.space} ${summary.dataset}, ${summary.budget} queries\n\n`);
    io.out(
      `Test error (%) of the best-by-validation architecture and its regret to the table's best test error (${summary.optimum.testError.toFixed(3)} %), mean ± s.e. over trials:\n\n`,
    );
    io.out(formatSummaryTable(summary, { checkpoints, regret: true }) + '\n');
  }
  const { files } = writeReport(plotDir, summary, { checkpoints });
  io.err(`wrote ${files.join(', ')}\n`);
  return 0;
}
