import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummaryTable } from './markdown.js';
import type { Summary } from './summary.js';
import { boxPlotSvg } from './svg/box-plot.js';
import { el, open } from './svg/escape.js';
import { FONT } from './svg/frame.js';
import { linePlotSvg } from './svg/line-plot.js';

/** Options of `writeReport`. */
export interface ReportOptions {
  /** Checkpoints shown in `summary.md` (each one of `summary.checkpoints`). Default: all. */
  checkpoints?: number[];
  /** Decimals in the tables. Default 3. */
  digits?: number;
}

/** File names `writeReport` writes, in order. */
export const REPORT_FILES = [
  'error-vs-queries.svg',
  'error-vs-time.svg',
  'final-error-box.svg',
  'summary.md',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Axis labels used by the plots (units included). */
export const AXIS_LABELS = {
  queries: 'queries',
  time: 'simulated training time (hours)',
  error: 'test error of best-by-validation (%)',
  finalError: 'final test error of best-by-validation (%)',
} as const;

/**
 * Writes the report of a summary into `dir` (created if missing): `error-vs-queries.svg`
 * (mean ± 1 s.e. per algorithm against query count), `error-vs-time.svg` (the same against
 * simulated training time in hours, log x axis), `final-error-box.svg` (box plot of each
 * trial's final error) and `summary.md` (test-error and regret tables, plot links, notes).
 * Every file is written to `<name>.tmp` and then renamed, so a reader never sees half a file.
 * Returns the written paths in `REPORT_FILES` order. Throws what the file system throws, and
 * Error on a checkpoint the summary does not hold.
 * Limitations: when no trial has a positive simulated time, `error-vs-time.svg` holds a
 * "no simulated time recorded" note instead of curves.
 */
export function writeReport(
  dir: string,
  summary: Summary,
  options: ReportOptions = {},
): { files: string[] } {
  // render everything first, so a rendering error leaves the folder untouched
  const contents = [
    errorVsQueries(summary),
    errorVsTime(summary),
    finalErrorBox(summary),
    summaryMarkdown(summary, options),
  ];

  // write: temp file, then rename
  mkdirSync(dir, { recursive: true });
  const files = REPORT_FILES.map((name, k) => {
    const path = join(dir, name);
    writeFileSync(`${path}.tmp`, contents[k]!);
    renameSync(`${path}.tmp`, path);
    return path;
  });
  return { files };
}

function trialsPhrase(summary: Summary): string {
  const counts = [...new Set(summary.algorithms.map((a) => a.trials))];
  return counts.length === 1 ? `${counts[0]} trials each` : `${counts.join('/')} trials`;
}

function where(summary: Summary): string {
  return `${summary.space} · ${summary.dataset}`;
}

function optimumLine(summary: Summary): { y: number; label: string } {
  const y = summary.optimum.testError;
  return { y, label: `best in table (${y.toFixed(2)} %)` };
}

/** The error-vs-queries plot of a summary, as SVG text. */
export function errorVsQueries(summary: Summary): string {
  return linePlotSvg(
    summary.algorithms.map((a) => ({ label: a.algorithm, ...a.byQueries })),
    {
      title: `${where(summary)}: test error vs queries`,
      subtitle: `mean ± 1 s.e. over ${trialsPhrase(summary)}, budget ${summary.budget} queries`,
      xLabel: AXIS_LABELS.queries,
      yLabel: AXIS_LABELS.error,
      reference: optimumLine(summary),
    },
  );
}

/** The error-vs-simulated-time plot of a summary (hours, log x), as SVG text. */
export function errorVsTime(summary: Summary): string {
  const series = summary.algorithms
    .filter((a) => a.byTime.x.length > 0)
    .map((a) => ({ label: a.algorithm, ...a.byTime }));
  const title = `${where(summary)}: test error vs simulated training time`;
  if (series.length === 0 || !series.some((s) => s.x.some((x) => x > 0))) {
    const note = { x: 300, y: 64, 'text-anchor': 'middle', 'font-size': 14, 'font-family': FONT };
    return [
      open('svg', { xmlns: SVG_NS, width: 600, height: 120, viewBox: '0 0 600 120' }),
      el('title', {}, title),
      el('rect', { width: 600, height: 120, fill: '#ffffff' }),
      el('text', note, 'no simulated time recorded'),
      '</svg>\n',
    ].join('\n');
  }
  return linePlotSvg(series, {
    title,
    subtitle:
      `mean ± 1 s.e. over ${trialsPhrase(summary)}; ` +
      'finished trials hold their final incumbent',
    xLabel: AXIS_LABELS.time,
    yLabel: AXIS_LABELS.error,
    logX: true,
    xDivisor: 3600,
    // the first hours hold one or two queries per trial: let them leave the top, not set the range
    yFocus: 0.3,
    reference: optimumLine(summary),
  });
}

/** The box plot of per-trial final errors of a summary, as SVG text. */
export function finalErrorBox(summary: Summary): string {
  return boxPlotSvg(
    summary.algorithms.map((a) => ({ label: a.algorithm, values: a.finalErrors })),
    {
      title: `${where(summary)}: final test error after ${summary.budget} queries`,
      subtitle: 'box: quartiles and median; whiskers: 1.5 IQR; circles: outliers; ◇: mean',
      yLabel: AXIS_LABELS.finalError,
      reference: optimumLine(summary),
    },
  );
}

/** The `summary.md` text of a summary. */
function summaryMarkdown(summary: Summary, options: ReportOptions = {}): string {
  const tableOptions = {
    ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
    ...(options.digits !== undefined ? { digits: options.digits } : {}),
  };
  const o = summary.optimum;
  return [
    `# ${where(summary)}: ${summary.algorithms.map((a) => a.algorithm).join(', ')}`,
    '',
    `Budget ${summary.budget} queries, ${trialsPhrase(summary)}. Best test error in the table ` +
      `${o.testError.toFixed(3)} %; test error of the best-by-validation architecture in the ` +
      `table ${o.testErrorOfBestVal.toFixed(3)} %.`,
    '',
    '## Test error of the best-by-validation architecture (%)',
    '',
    'Mean ± standard error over trials, after q queries; lowest mean of each column in bold.',
    '',
    formatSummaryTable(summary, { ...tableOptions, only: 'testError' }).trimEnd(),
    '',
    `## Regret (%): test error − ${o.testError.toFixed(3)}`,
    '',
    formatSummaryTable(summary, { ...tableOptions, only: 'regret' }).trimEnd(),
    '',
    '## Plots',
    '',
    '![test error vs queries](error-vs-queries.svg)',
    '',
    '![test error vs simulated training time](error-vs-time.svg)',
    '',
    '![final test error](final-error-box.svg)',
    '',
    '## How these numbers are made',
    '',
    '- After q queries each trial reports the test error of the architecture with the lowest',
    '  validation error among its first q queries (ties keep the earlier one). It can go up when',
    '  a new validation incumbent tests worse.',
    '- Standard error = sample standard deviation / √n. `(n=k)` marks a column that only k',
    '  trials reached (a trial that stopped early).',
    '- Simulated time = the sum of the table training times of the queried architectures, repeats',
    '  included. A trial that has finished its queries keeps its final incumbent at later times.',
    '',
  ].join('\n');
}
