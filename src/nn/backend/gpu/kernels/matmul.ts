import type { IKernelFunctionThis } from 'gpu.js';

/**
 * gpu.js kernel: out[t] for t = i·n + j of op(a) · op(b), op(a) m × k, op(b) k × n; `transA`
 * (1/0) means a is stored k × m, `transB` means b is stored n × k. One thread per output.
 */
export function matmulKernel(
  this: IKernelFunctionThis,
  a: number[],
  b: number[],
  m: number,
  k: number,
  n: number,
  transA: number,
  transB: number,
): number {
  const i = Math.floor(this.thread.x / n);
  const j = this.thread.x - i * n;
  let s = 0;
  for (let p = 0; p < k; p++) {
    let av = a[i * k + p];
    if (transA > 0) av = a[p * m + i];
    let bv = b[p * n + j];
    if (transB > 0) bv = b[j * k + p];
    s += av * bv;
  }
  return s;
}
