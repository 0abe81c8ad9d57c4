import { type Attrs, coord, el, open } from './escape.js';
import { type Area, frame, referenceLine, scale, svgOpen, xAxis, yAxis } from './frame.js';
import { colourFor, dashFor } from './palette.js';
import { linearTicks, logTicks } from './ticks.js';

/** One curve: mean and standard error at each x (equal lengths). */
export interface LineSeries {
  label: string;
  x: readonly number[];
  mean: readonly number[];
  se: readonly number[];
}

/** Options of `linePlotSvg`. Sizes in pixels. */
export interface LinePlotOptions {
  title: string;
  /** A second, smaller line under the title (e.g. "mean ± 1 s.e. over 20 trials"). */
  subtitle?: string;
  /** Axis labels, with units. */
  xLabel: string;
  yLabel: string;
  /** Logarithmic x axis (x ≤ 0 points are dropped). Default false. */
  logX?: boolean;
  /** Divide x by this before plotting (e.g. 3600 for seconds → hours). Default 1. */
  xDivisor?: number;
  /** A dashed horizontal reference line, e.g. the table's best test error. */
  reference?: { y: number; label: string };
  /**
   * Fraction of the x axis, from the left, whose values do not set the y range (the curves are
   * clipped there instead). Early queries of a random start can be far worse than the rest and
   * would flatten every difference that matters. Default 0.08; 0 uses every point.
   */
  yFocus?: number;
  /** Fixed y range instead of the automatic one. */
  yRange?: [number, number];
  width?: number;
  height?: number;
}

/**
 * Draws mean curves with shaded ±1 s.e. bands, one colour per series (colour-blind-safe
 * palette), with nice ticks, grid, axis labels, a legend right of the plot and a title.
 * Each series yields one `<path class="band">` and one `<path class="line">` carrying
 * `data-series="<label>"`. All text is XML-escaped.
 *
 * Throws RangeError when a series' arrays differ in length or no series has a plottable point.
 * Limitations: a series with one point is drawn as a dot-less zero-length line (visible only in
 * the legend); the legend is not wrapped, so very long labels run past the right edge.
 */
export function linePlotSvg(series: readonly LineSeries[], options: LinePlotOptions): string {
  const width = options.width ?? 780;
  const height = options.height ?? 470;
  const divisor = options.xDivisor ?? 1;
  const logX = options.logX ?? false;

  // data: scale x, drop non-finite points (and x ≤ 0 on a log axis)
  const data = series.map((s) => {
    if (s.x.length !== s.mean.length || s.x.length !== s.se.length) {
      throw new RangeError(
        `linePlotSvg: series "${s.label}" has ${s.x.length} x, ` +
          `${s.mean.length} means, ${s.se.length} s.e.`,
      );
    }
    const pts: { x: number; m: number; se: number }[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]! / divisor;
      const m = s.mean[i]!;
      const se = s.se[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(m) || (logX && x <= 0)) continue;
      pts.push({ x, m, se: Number.isFinite(se) ? se : 0 });
    }
    return { label: s.label, pts };
  });
  const allX = data.flatMap((d) => d.pts.map((p) => p.x));
  if (allX.length === 0) throw new RangeError('linePlotSvg: no finite points to plot');

  // layout
  const top = options.subtitle ? 58 : 44;
  const area: Area = { left: 72, top, right: width - 210, bottom: height - 58 };

  // x axis
  const xlo = Math.min(...allX);
  const xhi = Math.max(...allX);
  let xt = logX ? logTicks(xlo, xhi) : linearTicks(Math.min(0, xlo), xhi, 6);
  const f = logX ? Math.log10 : (v: number) => v;
  let toX = (v: number): number => scale(f(xt.min), f(xt.max), area.left, area.right)(f(v));

  // y axis: range from the points right of the focus cut, plus the reference line
  let ylo = Infinity;
  let yhi = -Infinity;
  const cut = area.left + (options.yFocus ?? 0.08) * (area.right - area.left);
  for (const d of data) {
    for (const p of d.pts) {
      if (toX(p.x) < cut - 1e-9 && d.pts.length > 1) continue;
      ylo = Math.min(ylo, p.m - p.se);
      yhi = Math.max(yhi, p.m + p.se);
    }
  }
  if (options.reference) {
    ylo = Math.min(ylo, options.reference.y);
    yhi = Math.max(yhi, options.reference.y);
  }
  if (!Number.isFinite(ylo)) [ylo, yhi] = [0, 1];
  if (options.yRange) [ylo, yhi] = options.yRange;
  const yt = linearTicks(ylo, yhi, 6);
  const toY = scale(yt.min, yt.max, area.bottom, area.top);

  // log x: start the axis where the first band enters the y range, not in empty space
  if (logX && !options.yRange) {
    const seen = data.flatMap((d) => d.pts.filter((p) => p.m - p.se <= yt.max).map((p) => p.x));
    if (seen.length > 0 && Math.min(...seen) > xlo) {
      xt = logTicks(Math.min(...seen), xhi);
      toX = (v) => scale(f(xt.min), f(xt.max), area.left, area.right)(f(v));
    }
  }

  // draw: axes, clipped bands then lines, reference, frame, legend
  const out = svgOpen(width, height, options.title, options.subtitle);
  const clip = {
    x: area.left,
    y: area.top,
    width: area.right - area.left,
    height: area.bottom - area.top,
  };
  out.push(`<defs>${open('clipPath', { id: 'plot-area' })}${el('rect', clip)}</clipPath></defs>`);
  out.push(...yAxis(area, yt, toY, options.yLabel), ...xAxis(area, xt, toX, options.xLabel));
  out.push(open('g', { 'clip-path': 'url(#plot-area)' }));
  const point = (x: number, y: number): string => `${coord(toX(x))},${coord(toY(y))}`;
  data.forEach((d, k) => {
    if (d.pts.length === 0) return;
    const upper = d.pts.map((p) => point(p.x, p.m + p.se));
    const lower = d.pts.map((p) => point(p.x, p.m - p.se)).reverse();
    const path = `M${upper.join('L')}L${lower.join('L')}Z`;
    const fill = { fill: colourFor(k), 'fill-opacity': 0.18, stroke: 'none' };
    out.push(el('path', { class: 'band', 'data-series': d.label, d: path, ...fill }));
  });
  data.forEach((d, k) => {
    if (d.pts.length === 0) return;
    const path = `M${d.pts.map((p) => point(p.x, p.m)).join('L')}`;
    const attrs = { class: 'line', 'data-series': d.label, d: path, fill: 'none', ...stroke(k) };
    out.push(el('path', attrs));
  });
  if (options.reference) out.push(referenceLine(area, toY(options.reference.y)));
  out.push('</g>', frame(area));
  out.push(
    ...legend(
      area,
      data.map((d) => d.label),
      options.reference?.label,
    ),
  );
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Stroke attributes of series k. */
function stroke(k: number): Attrs {
  return {
    stroke: colourFor(k),
    'stroke-width': 2.2,
    'stroke-linejoin': 'round',
    'stroke-dasharray': dashFor(k),
  };
}

function legend(area: Area, labels: string[], referenceLabel?: string): string[] {
  const x = area.right + 16;
  const out = [open('g', { class: 'legend', 'font-size': 12 })];
  labels.forEach((label, k) => {
    const y = area.top + 10 + k * 22;
    out.push(
      el('rect', { x, y: y - 7, width: 26, height: 14, fill: colourFor(k), 'fill-opacity': 0.18 }),
      el('line', { x1: x, y1: y, x2: x + 26, y2: y, ...stroke(k) }),
      el('text', { x: x + 34, y, dy: '0.35em' }, label),
    );
  });
  if (referenceLabel !== undefined) {
    const y = area.top + 10 + labels.length * 22;
    const ref = referenceLine({ left: x, right: x + 26, top: y, bottom: y }, y);
    out.push(ref, el('text', { x: x + 34, y, dy: '0.35em' }, referenceLabel));
  }
  out.push('</g>');
  return out;
}
