import { coord, el, open } from './escape.js';
import { type Area, frame, referenceLine, scale, svgOpen, xLabel, yAxis } from './frame.js';
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
  const stats = series.map((s) => (s.values.some(Number.isFinite) ? boxStats(s.values) : null));
  const present = stats.filter((b): b is BoxStats => b !== null);
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
    // the line crosses the data area; its key sits above the frame, clear of the boxes
    const ky = area.top - 8;
    const key = { left: area.right - 26, right: area.right, top: ky, bottom: ky };
    const text = { x: area.right - 32, y: ky, dy: '0.35em', 'text-anchor': 'end', 'font-size': 12 };
    out.push(
      referenceLine(area, toY(options.reference.y)),
      referenceLine(key, ky),
      el('text', { ...text, fill: '#333333' }, options.reference.label),
    );
  }

  // boxes: whiskers, box, median, mean, outliers; label and n under each
  series.forEach((s, k) => {
    const cx = area.left + slot * (k + 0.5);
    const b = stats[k];
    const c = colourFor(k);
    const below = { x: cx, 'text-anchor': 'middle' };
    const n = `n = ${b?.n ?? 0}`;
    out.push(
      open('g', { class: 'box', 'data-series': s.label }),
      el('text', { ...below, y: area.bottom + 18, 'font-size': 12 }, s.label),
      el('text', { ...below, y: area.bottom + 33, 'font-size': 11, fill: '#555555' }, n),
    );
    if (!b) {
      const mid = { ...below, y: (area.top + area.bottom) / 2, 'font-size': 12, fill: '#777777' };
      out.push(el('text', mid, 'no data'), '</g>');
      return;
    }
    const hline = (v: number, x1: number, x2: number): string =>
      el('line', { x1, y1: toY(v), x2, y2: toY(v), stroke: '#333333' });
    const vline = (v1: number, v2: number): string =>
      el('line', { x1: cx, y1: toY(v1), x2: cx, y2: toY(v2), stroke: '#333333' });
    const mean = s.values.filter(Number.isFinite).reduce((a, v) => a + v, 0) / b.n;
    const box = {
      x: cx - boxW / 2,
      y: toY(b.q3),
      width: boxW,
      height: Math.max(0, toY(b.q1) - toY(b.q3)),
    };
    const my = toY(b.median);
    const diamond = `M${coord(cx)},${coord(toY(mean) - 5)}l5,5l-5,5l-5,-5Z`;
    out.push(
      vline(b.whiskerHigh, b.q3),
      vline(b.q1, b.whiskerLow),
      hline(b.whiskerHigh, cx - boxW / 4, cx + boxW / 4),
      hline(b.whiskerLow, cx - boxW / 4, cx + boxW / 4),
      el('rect', { ...box, fill: c, 'fill-opacity': 0.35, stroke: c, 'stroke-width': 1.5 }),
      el('line', {
        class: 'median',
        x1: box.x,
        y1: my,
        x2: box.x + boxW,
        y2: my,
        stroke: c,
        'stroke-width': 3,
      }),
      el('path', { class: 'mean', d: diamond, fill: '#ffffff', stroke: '#333333' }),
    );
    for (const o of b.outliers) {
      const ring = { r: 3.5, fill: 'none', stroke: c, 'stroke-width': 1.5 };
      out.push(el('circle', { class: 'outlier', cx, cy: toY(o), ...ring }));
    }
    out.push('</g>');
  });
  const label = xLabel({ ...area, bottom: area.bottom + 14 }, options.xLabel ?? 'algorithm');
  out.push(label, frame(area), '</svg>');
  return out.join('\n') + '\n';
}
