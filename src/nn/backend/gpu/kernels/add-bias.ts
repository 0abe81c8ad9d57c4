import type { IKernelFunctionThis } from 'gpu.js';

/** gpu.js kernel: x[t] + bias[t mod cols] over a rows × cols matrix. One thread per element. */
export function addBiasKernel(
  this: IKernelFunctionThis,
  x: number[],
  bias: number[],
  cols: number,
): number {
  const i = Math.floor(this.thread.x / cols);
  return x[this.thread.x] + bias[this.thread.x - i * cols];
}
