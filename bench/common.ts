/**
 * Shared helpers of the bench/ scripts: timing with warm-up and medians, path-encoding-like
 * inputs, and fixed-width tables. Bench scripts print; the library never does.
 */
import { Rng } from '../src/core/rng.js';
import type { Dataset } from '../src/nn/types.js';

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Wall and CPU milliseconds of one call (CPU = user + system time of this process). */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/**
 * Runs `fn` `warmup` times untimed, then `repeats` times timed; returns the median wall and
 * median CPU time. CPU time is the fairer figure on a shared machine for single-threaded code.
 */
export async function timeIt(fn: () => unknown, repeats: number, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/**
 * Path-encoding-like data: each row has 1–6 active binary features, drawn with a bias towards
 * low indices (short paths come first in a path encoding, and truncated encodings keep them);
 * the target is a validation error in % (5–15) that depends on which paths are present, plus
 * noise, as in NB101/NB201.
 */
export function pathLikeData(seed: number, rows: number, cols: number): Dataset {
  const rng = new Rng(seed);
  const effect = Float64Array.from({ length: cols }, () => rng.normal(0, 1.5));
  const x = new Float32Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const active = 1 + rng.int(6);
    let s = 0;
    for (let q = 0; q < active; q++) {
      const c = Math.floor(cols * rng.next() ** 2);
      if (x[r * cols + c] === 0) s += effect[c]!;
      x[r * cols + c] = 1;
    }
    y[r] = Math.min(15, Math.max(5, 9 + s + rng.normal(0, 0.3)));
  }
  return { x, y, rows, cols };
}

/** Prints a table with right-aligned columns. */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]): string => r.map((c, j) => c.padStart(widths[j]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

/** Formats milliseconds with 3 significant figures. */
export function ms(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** Command-line flag check (`--quick` etc.). */
export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
