import { coord, escapeXml } from './escape.js';
import type { Ticks } from './ticks.js';

/** Pixel rectangle of a plot's data area. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Shared text style of every plot. */
export const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/** Opening `<svg>` with a white background, title and optional subtitle. */
export function svgOpen(width: number, height: number, title: string, subtitle?: string): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${coord(width / 2)}" y="24" text-anchor="middle" font-size="16" font-weight="bold">` +
      `${escapeXml(title)}</text>`,
  ];
  if (subtitle) {
    out.push(
      `<text x="${coord(width / 2)}" y="42" text-anchor="middle" font-size="12" fill="#444444">` +
        `${escapeXml(subtitle)}</text>`,
    );
  }
  return out;
}

/** Y axis: grid lines, tick labels and the rotated axis label. `toY` maps a value to pixels. */
export function yAxis(area: Area, ticks: Ticks, toY: (v: number) => number, label: string): string[] {
  const out = ['<g class="y-axis" font-size="12">'];
  ticks.values.forEach((v, k) => {
    const y = coord(toY(v));
    out.push(
      `<line x1="${area.left}" y1="${y}" x2="${area.right}" y2="${y}" stroke="#e4e4e4"/>`,
      `<line x1="${area.left - 5}" y1="${y}" x2="${area.left}" y2="${y}" stroke="#333333"/>`,
      `<text x="${area.left - 8}" y="${y}" dy="0.35em" text-anchor="end">${escapeXml(ticks.labels[k]!)}</text>`,
    );
  });
  const cy = coord((area.top + area.bottom) / 2);
  out.push(
    `<text class="axis-label" x="0" y="0" transform="translate(18 ${cy}) rotate(-90)" ` +
      `text-anchor="middle" font-size="13">${escapeXml(label)}</text>`,
    '</g>',
  );
  return out;
}

/** X axis with numeric ticks, vertical grid lines and the axis label below. */
export function xAxis(area: Area, ticks: Ticks, toX: (v: number) => number, label: string): string[] {
  const out = ['<g class="x-axis" font-size="12">'];
  ticks.values.forEach((v, k) => {
    const x = coord(toX(v));
    out.push(
      `<line x1="${x}" y1="${area.top}" x2="${x}" y2="${area.bottom}" stroke="#e4e4e4"/>`,
      `<line x1="${x}" y1="${area.bottom}" x2="${x}" y2="${area.bottom + 5}" stroke="#333333"/>`,
      `<text x="${x}" y="${area.bottom + 19}" text-anchor="middle">${escapeXml(ticks.labels[k]!)}</text>`,
    );
  });
  out.push(xLabel(area, label), '</g>');
  return out;
}

/** The x-axis label, centred under the data area. */
export function xLabel(area: Area, label: string): string {
  return (
    `<text class="axis-label" x="${coord((area.left + area.right) / 2)}" y="${area.bottom + 42}" ` +
    `text-anchor="middle" font-size="13">${escapeXml(label)}</text>`
  );
}

/** The frame around the data area (drawn last, over the data). */
export function frame(area: Area): string {
  return (
    `<rect x="${area.left}" y="${area.top}" width="${area.right - area.left}" ` +
    `height="${area.bottom - area.top}" fill="none" stroke="#333333"/>`
  );
}

/** Linear map from [d0, d1] to [p0, p1]. */
export function scale(d0: number, d1: number, p0: number, p1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (p1 - p0) / (d1 - d0);
  return (v) => p0 + (v - d0) * k;
}
