import type { IKernelFunctionThis } from 'gpu.js';

/** gpu.js kernel: dy[t] where the ReLU output y[t] is positive, else 0. */
export function reluGradKernel(this: IKernelFunctionThis, dy: number[], y: number[]): number {
  if (y[this.thread.x] > 0) return dy[this.thread.x];
  return 0;
}
