import type { IKernelFunctionThis } from 'gpu.js';

/** gpu.js kernel: Σᵢ a[i·cols + t] over `rows` rows. One thread per column. */
export function columnSumsKernel(
  this: IKernelFunctionThis,
  a: number[],
  rows: number,
  cols: number,
): number {
  let s = 0;
  for (let i = 0; i < rows; i++) s += a[i * cols + this.thread.x];
  return s;
}
