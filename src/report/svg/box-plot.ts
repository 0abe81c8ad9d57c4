import { coord, escapeXml } from './escape.js';
import { type Area, frame, scale, svgOpen, xLabel, yAxis } from './frame.js';
import { colourFor } from './palette.js';
import { linearTicks } from './ticks.js';

/** Tukey box statistics of one sample. */
export interface BoxStats {
  n: number;
  /** Quartiles by linear interpolation between order statistics (NumPy's default). */
  q1: number;
  median: number;
  q3: number;
  /** Most extreme data values within 1.5 IQR of the box. */
  whiskerLow: number;
  whiskerHigh: number;
  /** Values beyond the whiskers, ascending. */
  outliers: number[];
}

/**
 * Box statistics of `values` (non-finite values dropped): quartiles by linear interpolation,
 * whiskers at the furthest values within [q1 − 1.5 IQR, q3 + 1.5 IQR], the rest outliers.
 * Throws RangeError when no finite value remains.
 */
export function boxStats(values: readonly number[]): BoxStats {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) throw new RangeError('boxStats: no finite values');
  const q = (p: number): number => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  const iqr = q3 - q1;
  const inside = s.filter((v) => v >= q1 - 1.5 * iqr && v <= q3 + 1.5 * iqr);
  return {
    n: s.length,
    q1,
    median: q(0.5),
    q3,
    whiskerLow: inside[0]!,
    whiskerHigh: inside[inside.length - 1]!,
    outliers: s.filter((v) => v < q1 - 1.5 * iqr || v > q3 + 1.5 * iqr),
  };
}

/** One box: a label and its sample. */
export interface BoxSeries {
  label: string;
  values: readonly number[];
}

/** Options of `boxPlotSvg`. Sizes in pixels. */
export interface BoxPlotOptions {
  title: string;
  subtitle?: string;
  /** Label of the value axis, with units. */
  yLabel: string;
  /** Label under the category axis. Default 'algorithm'. */
  xLabel?: string;
  /** A dashed horizontal reference line, e.g. the table's best test error. */
  reference?: { y: number; label: string };
  width?: number;
  height?: number;
}

/**
 * Box plot, one box per series in the given order: box from q1 to q3, a thick median line, a
 * white diamond at the mean, whiskers (1.5 IQR rule, `boxStats`) and outliers as open circles.
 * Each box is a `<g class="box" data-series="<label>">`; n is printed under each label.
 * Series without finite values are drawn as an empty slot marked "no data".
 * Throws RangeError when no series has a finite value.
 */
export function boxPlotSvg(series: readonly BoxSeries[], options: BoxPlotOptions): string {
  const width = options.width ?? Math.max(520, 150 + 110 * series.length);
  const height = options.height ?? 470;
  const stats = series.map((s) => (s.values.some(Number.isFinite) ? boxStats(s.values) : undefined));
  const present = stats.filter((b): b is BoxStats => b !== undefined);
  if (present.length === 0) throw new RangeError('boxPlotSvg: no series has a finite value');

  // axes: y from all whiskers and outliers (and the reference line)
  const top = (options.subtitle ? 58 : 44) + (options.reference ? 16 : 0);
  const area: Area = { left: 72, top, right: width - 24, bottom: height - 76 };
  let ylo = Math.min(...present.map((b) => Math.min(b.whiskerLow, ...b.outliers)));
  let yhi = Math.max(...present.map((b) => Math.max(b.whiskerHigh, ...b.outliers)));
  if (options.reference) {
    ylo = Math.min(ylo, options.reference.y);
    yhi = Math.max(yhi, options.reference.y);
  }
  const pad = 0.03 * (yhi - ylo);
  const yt = linearTicks(ylo - pad, yhi + pad, 6);
  const toY = scale(yt.min, yt.max, area.bottom, area.top);
  const slot = (area.right - area.left) / series.length;
  const boxW = Math.min(70, slot * 0.5);

  const out = svgOpen(width, height, options.title, options.subtitle);
  out.push(...yAxis(area, yt, toY, options.yLabel));
  if (options.reference) {
    const y = coord(toY(options.reference.y));
    out.push(
      `<line class="reference" x1="${area.left}" y1="${y}" x2="${area.right}" y2="${y}" ` +
        `stroke="#555555" stroke-width="1.2" stroke-dasharray="5 4"/>`,
      // its key sits above the frame, clear of the boxes
      `<line x1="${area.right - 26}" y1="${area.top - 8}" x2="${area.right}" y2="${area.top - 8}" ` +
        `stroke="#555555" stroke-width="1.2" stroke-dasharray="5 4"/>`,
      `<text x="${area.right - 32}" y="${area.top - 8}" dy="0.35em" text-anchor="end" ` +
        `font-size="12" fill="#333333">${escapeXml(options.reference.label)}</text>`,
    );
  }

  // boxes
  series.forEach((s, k) => {
    const cx = area.left + slot * (k + 0.5);
    const b = stats[k];
    const c = colourFor(k);
    out.push(`<g class="box" data-series="${escapeXml(s.label)}">`);
    out.push(
      `<text x="${coord(cx)}" y="${area.bottom + 18}" text-anchor="middle" font-size="12">${escapeXml(s.label)}</text>`,
      `<text x="${coord(cx)}" y="${area.bottom + 33}" text-anchor="middle" font-size="11" fill="#555555">` +
        `n = ${b ? b.n : 0}</text>`,
    );
    if (!b) {
      out.push(
        `<text x="${coord(cx)}" y="${coord((area.top + area.bottom) / 2)}" text-anchor="middle" ` +
          `font-size="12" fill="#777777">no data</text>`,
        '</g>',
      );
      return;
    }
    const x0 = coord(cx - boxW / 2);
    const x1 = coord(cx + boxW / 2);
    const w0 = coord(cx - boxW / 4);
    const w1 = coord(cx + boxW / 4);
    const X = coord(cx);
    const Y = (v: number): string => coord(toY(v));
    const mean = s.values.filter(Number.isFinite).reduce((a, v) => a + v, 0) / b.n;
    out.push(
      `<line x1="${X}" y1="${Y(b.whiskerHigh)}" x2="${X}" y2="${Y(b.q3)}" stroke="#333333"/>`,
      `<line x1="${X}" y1="${Y(b.q1)}" x2="${X}" y2="${Y(b.whiskerLow)}" stroke="#333333"/>`,
      `<line x1="${w0}" y1="${Y(b.whiskerHigh)}" x2="${w1}" y2="${Y(b.whiskerHigh)}" stroke="#333333"/>`,
      `<line x1="${w0}" y1="${Y(b.whiskerLow)}" x2="${w1}" y2="${Y(b.whiskerLow)}" stroke="#333333"/>`,
      `<rect x="${x0}" y="${Y(b.q3)}" width="${coord(boxW)}" height="${coord(Math.max(0, toY(b.q1) - toY(b.q3)))}" ` +
        `fill="${c}" fill-opacity="0.35" stroke="${c}" stroke-width="1.5"/>`,
      `<line class="median" x1="${x0}" y1="${Y(b.median)}" x2="${x1}" y2="${Y(b.median)}" stroke="${c}" stroke-width="3"/>`,
      `<path class="mean" d="M${X},${coord(toY(mean) - 5)}l5,5l-5,5l-5,-5Z" fill="#ffffff" stroke="#333333"/>`,
    );
    for (const o of b.outliers) {
      out.push(`<circle class="outlier" cx="${X}" cy="${Y(o)}" r="3.5" fill="none" stroke="${c}" stroke-width="1.5"/>`);
    }
    out.push('</g>');
  });
  out.push(xLabel({ ...area, bottom: area.bottom + 14 }, options.xLabel ?? 'algorithm'), frame(area));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
