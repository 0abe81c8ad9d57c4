import type { PredictReport } from './predict.js';

/**
 * A markdown rendering of a predictor report: a title line saying what was measured, then one
 * table row per (model, encoding, training size), in the report's order:
 *
 * | model | encoding | train | MAE | Pearson | Kendall τ | within ±1σ | within ±2σ | s/fit |
 *
 * MAE in percentage points of validation error, shown as mean ± s.e. over repeats; coverages
 * in percent; a NaN (e.g. a correlation of constant predictions) shows as '—'.
 */
export function formatPredictReport(report: PredictReport): string {
  const f = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
  const lines = [
    `Predictor accuracy on ${report.space} ${report.dataset}: target ${report.target}, ` +
      `${report.testSize} held-out architectures, mean over ${report.repeats} repeat(s)`,
    '',
    '| model | encoding | train | MAE | Pearson | Kendall τ | within ±1σ | within ±2σ | s/fit |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.rows) {
    lines.push(
      `| ${r.model} | ${r.encoding} | ${r.trainSize} | ${report.repeats < 2 ? f(r.mae, 3) : `${f(r.mae, 3)} ± ${f(r.maeSe, 3)}`} | ${f(r.pearson, 3)} | ` +
        `${f(r.kendall, 3)} | ${f(100 * r.coverage1, 1)} % | ${f(100 * r.coverage2, 1)} % | ${f(r.seconds, 2)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
