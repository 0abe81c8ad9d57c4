import type { CheckpointSummary, Summary } from './summary.js';

/** Options of `formatSummaryTable` and `formatSummaryText`. */
export interface TableOptions {
  /** Query counts to show, each one of `summary.checkpoints`. Default: all of them. */
  checkpoints?: number[];
  /**
   * Add a regret column (test error − `summary.optimum.testError`) after each test-error column.
   * Default false.
   */
  regret?: boolean;
  /** Show only this quantity (one column per checkpoint); overrides `regret`. */
  only?: 'testError' | 'regret';
  /** Decimals of the mean and the standard error. Default 3 (in %, e.g. `5.923 ± 0.012`). */
  digits?: number;
}

/**
 * GitHub-markdown table: one row per algorithm (summary order), a `trials` column, then per
 * checkpoint q a column `q = <q>` of the best-by-validation test error and, with `regret`, a
 * column `regret q = <q>`; cells `mean ± s.e.` in %, the lowest mean of each column in bold
 * (ties at the shown precision all bold; nothing bold with a single algorithm). A cell whose
 * checkpoint not every trial reached gets `(n=k)`; a column no trial reached shows `–`.
 * `options.only` shows just one of the two quantities.
 * Throws Error on a checkpoint that the summary does not hold (the message lists those it does).
 */
export function formatSummaryTable(summary: Summary, options: TableOptions = {}): string {
  const { header, rows, best } = tableCells(summary, options);
  const cell = (r: number, c: number): string => {
    const text = rows[r]![c]!;
    return c >= 2 && best[c]!.has(r) ? `**${text}**` : text;
  };
  const lines = [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map((_, c) => (c === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row, r) => `| ${row.map((_, c) => escapeCell(cell(r, c))).join(' | ')} |`),
  ];
  return lines.join('\n') + '\n';
}

/**
 * The same table as plain aligned columns for a terminal: the best mean of each column is marked
 * with a trailing `*`, and a last line says what the numbers are. Same options and errors as
 * `formatSummaryTable`.
 */
export function formatSummaryText(summary: Summary, options: TableOptions = {}): string {
  const { header, rows, best } = tableCells(summary, options);
  const mark = (t: string, r: number, c: number): string =>
    c >= 2 ? `${t}${best[c]!.has(r) ? '*' : ' '}` : t;
  const shown = rows.map((row, r) => row.map((t, c) => mark(t, r, c)));
  const widths = header.map((h, c) => Math.max(h.length, ...shown.map((row) => row[c]!.length)));
  const pad = (t: string, c: number): string =>
    c === 0 ? t.padEnd(widths[c]!) : t.padStart(widths[c]!);
  const lines = [
    header.map(pad).join('  ').trimEnd(),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...shown.map((row) => row.map(pad).join('  ').trimEnd()),
    'mean ± s.e. over trials, %; * = lowest mean of the column',
  ];
  return lines.join('\n') + '\n';
}

/** Header, plain cell texts and, per column, the rows holding its lowest mean. */
function tableCells(
  summary: Summary,
  options: TableOptions,
): { header: string[]; rows: string[][]; best: Set<number>[] } {
  const digits = options.digits ?? 3;
  const wanted = options.checkpoints ?? summary.checkpoints;
  for (const q of wanted) {
    if (!summary.checkpoints.includes(q)) {
      throw new Error(
        `formatSummaryTable: checkpoint ${q} is not in the summary ` +
          `(it has ${summary.checkpoints.join(', ')}); pass it to summarise()`,
      );
    }
  }
  const kinds: ('testError' | 'regret')[] = options.only
    ? [options.only]
    : options.regret
      ? ['testError', 'regret']
      : ['testError'];
  const columns = wanted.flatMap((q) => kinds.map((kind) => ({ q, kind })));
  const header = [
    'algorithm',
    'trials',
    ...columns.map(({ q, kind }) => (kind === 'regret' ? `regret q = ${q}` : `q = ${q}`)),
  ];
  const pick = (c: CheckpointSummary, kind: 'testError' | 'regret') => c[kind];
  const rows: string[][] = [];
  const means: number[][] = [];
  for (const a of summary.algorithms) {
    const row = [a.algorithm, String(a.trials)];
    const m: number[] = [];
    for (const { q, kind } of columns) {
      const c = a.checkpoints[summary.checkpoints.indexOf(q)]!;
      const s = pick(c, kind);
      if (c.n === 0) {
        row.push('–');
        m.push(NaN);
        continue;
      }
      // one trial has no standard error: show the value alone rather than a misleading ± 0
      const base =
        c.n < 2 ? s.mean.toFixed(digits) : `${s.mean.toFixed(digits)} ± ${s.se.toFixed(digits)}`;
      row.push(c.n < a.trials ? `${base} (n=${c.n})` : base);
      m.push(Number(s.mean.toFixed(digits)));
    }
    rows.push(row);
    means.push(m);
  }
  const best: Set<number>[] = header.map(() => new Set<number>());
  for (let c = 2; c < header.length; c++) {
    const col = means.map((m) => m[c - 2]!);
    const lo = Math.min(...col.filter(Number.isFinite));
    col.forEach((v, r) => {
      if (v === lo && rows.length > 1) best[c]!.add(r);
    });
  }
  return { header, rows, best };
}

/** Keeps a markdown cell on one line and its pipes literal. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
