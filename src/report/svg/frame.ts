import { el, open } from './escape.js';
import type { Ticks } from './ticks.js';

/** Pixel rectangle of a plot's data area. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Font of every plot. */
export const FONT = 'Helvetica, Arial, sans-serif';

const GRID = '#e4e4e4';
const INK = '#333333';
const MIDDLE = { 'text-anchor': 'middle' };

/** Opening `<svg>` with a white background, title and optional subtitle. */
export function svgOpen(width: number, height: number, title: string, subtitle?: string): string[] {
  const out = [
    open('svg', {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': FONT,
    }),
    el('title', {}, title),
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
    el('text', { x: width / 2, y: 24, ...MIDDLE, 'font-size': 16, 'font-weight': 'bold' }, title),
  ];
  if (subtitle) {
    const attrs = { x: width / 2, y: 42, ...MIDDLE, 'font-size': 12, fill: '#444444' };
    out.push(el('text', attrs, subtitle));
  }
  return out;
}

/** Y axis: grid lines, tick labels and the rotated axis label. `toY` maps a value to pixels. */
export function yAxis(
  area: Area,
  ticks: Ticks,
  toY: (v: number) => number,
  label: string,
): string[] {
  const out = [open('g', { class: 'y-axis', 'font-size': 12 })];
  ticks.values.forEach((v, k) => {
    const y = toY(v);
    out.push(
      el('line', { x1: area.left, y1: y, x2: area.right, y2: y, stroke: GRID }),
      el('line', { x1: area.left - 5, y1: y, x2: area.left, y2: y, stroke: INK }),
      el('text', { x: area.left - 8, y, dy: '0.35em', 'text-anchor': 'end' }, ticks.labels[k]!),
    );
  });
  const cy = (area.top + area.bottom) / 2;
  const transform = `translate(18 ${Math.round(cy)}) rotate(-90)`;
  out.push(
    el('text', { class: 'axis-label', x: 0, y: 0, transform, ...MIDDLE, 'font-size': 13 }, label),
    '</g>',
  );
  return out;
}

/** X axis with numeric ticks, vertical grid lines and the axis label below. */
export function xAxis(
  area: Area,
  ticks: Ticks,
  toX: (v: number) => number,
  label: string,
): string[] {
  const out = [open('g', { class: 'x-axis', 'font-size': 12 })];
  ticks.values.forEach((v, k) => {
    const x = toX(v);
    out.push(
      el('line', { x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: GRID }),
      el('line', { x1: x, y1: area.bottom, x2: x, y2: area.bottom + 5, stroke: INK }),
      el('text', { x, y: area.bottom + 19, 'text-anchor': 'middle' }, ticks.labels[k]!),
    );
  });
  out.push(xLabel(area, label), '</g>');
  return out;
}

/** The x-axis label, centred under the data area. */
export function xLabel(area: Area, label: string): string {
  const x = (area.left + area.right) / 2;
  const attrs = { class: 'axis-label', x, y: area.bottom + 42, ...MIDDLE, 'font-size': 13 };
  return el('text', attrs, label);
}

/** The frame around the data area (drawn last, over the data). */
export function frame(area: Area): string {
  const { left: x, top: y } = area;
  const size = { width: area.right - area.left, height: area.bottom - area.top };
  return el('rect', { x, y, ...size, fill: 'none', stroke: INK });
}

/** A horizontal dashed reference line across the data area at pixel row `y`. */
export function referenceLine(area: Area, y: number): string {
  const style = { stroke: '#555555', 'stroke-width': 1.2, 'stroke-dasharray': '5 4' };
  return el('line', { class: 'reference', x1: area.left, y1: y, x2: area.right, y2: y, ...style });
}

/** Linear map from [d0, d1] to [p0, p1]. */
export function scale(d0: number, d1: number, p0: number, p1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (p1 - p0) / (d1 - d0);
  return (v) => p0 + (v - d0) * k;
}
