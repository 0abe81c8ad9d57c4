import type { IKernelFunctionThis } from 'gpu.js';

/** gpu.js kernel: max(x[t], 0). */
export function reluKernel(this: IKernelFunctionThis, x: number[]): number {
  const v = x[this.thread.x];
  if (v < 0) return 0;
  return v;
}
