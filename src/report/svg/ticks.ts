/** Tick positions and their labels for one axis. */
export interface Ticks {
  values: number[];
  labels: string[];
  /** The axis range after rounding out to the outer ticks (linear) or decades (log). */
  min: number;
  max: number;
}

/**
 * "Nice" linear ticks (steps of 1, 2, 2.5 or 5 × 10^k) covering [lo, hi] with about `target`
 * intervals; the range is widened to the outer ticks. A degenerate range is widened by ±1 (or
 * ±5 % of the value). Throws RangeError on non-finite input.
 */
export function linearTicks(lo: number, hi: number, target = 6): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new RangeError(`linearTicks: range [${lo}, ${hi}] is not finite`);
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep((hi - lo) / Math.max(1, target));
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (isHalfStep(step) ? 1 : 0));
  const values: number[] = [];
  for (let v = min; v <= max + step * 1e-6; v += step) values.push(Number(v.toFixed(decimals + 2)));
  return { values, labels: values.map((v) => formatTick(v, decimals)), min, max };
}

/**
 * Log-scale ticks over [lo, hi] (both > 0): every decade, plus 2 and 5 × 10^k when the range
 * spans fewer than three decades (and 1.5/3 in between for less than one). The range is
 * widened to the enclosing ticks. Throws RangeError on a non-positive bound.
 */
export function logTicks(lo: number, hi: number): Ticks {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new RangeError(`logTicks: range [${lo}, ${hi}] must be positive and finite`);
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  const decades = Math.log10(hi / lo);
  const mantissas = decades < 1 ? [1, 1.5, 2, 3, 5, 7] : decades < 3 ? [1, 2, 5] : [1];
  const e0 = Math.floor(Math.log10(lo) + 1e-9);
  const e1 = Math.ceil(Math.log10(hi) - 1e-9);
  const all: number[] = [];
  for (let e = e0; e <= e1; e++) for (const m of mantissas) all.push(m * 10 ** e);
  // range: from the last tick ≤ lo to the first tick ≥ hi
  let a = 0;
  while (a + 1 < all.length && all[a + 1]! <= lo * (1 + 1e-9)) a++;
  let b = all.length - 1;
  while (b - 1 >= 0 && all[b - 1]! >= hi * (1 - 1e-9)) b--;
  const values = all.slice(a, b + 1).map((v) => Number(v.toPrecision(6)));
  const labels = values.map((v) => formatLog(v));
  return { values, labels, min: values[0]!, max: values[values.length - 1]! };
}

function niceStep(raw: number): number {
  const e = Math.floor(Math.log10(raw));
  const f = raw / 10 ** e;
  const m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return m * 10 ** e;
}

function isHalfStep(step: number): boolean {
  const f = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return Math.abs(f - 2.5) < 1e-9;
}

function formatTick(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

function formatLog(v: number): string {
  if (v >= 1e6 || v < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}
