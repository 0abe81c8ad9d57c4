import type { IKernelFunctionThis } from 'gpu.js';

/**
 * gpu.js kernel for one Adam step, as three outputs of one pass: `which` 0 → new parameter,
 * 1 → new first moment, 2 → new second moment, for elements start + thread (same formulas as the JS backend; kernels have a
 * single output, so the backend runs it three times).
 */
export function adamKernel(
  this: IKernelFunctionThis,
  param: number[],
  grad: number[],
  m: number[],
  v: number[],
  stepSize: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  start: number,
  which: number,
): number {
  const t = start + this.thread.x;
  const g = grad[t];
  const m1 = beta1 * m[t] + (1 - beta1) * g;
  const v1 = beta2 * v[t] + (1 - beta2) * g * g;
  if (which === 1) return m1;
  if (which === 2) return v1;
  return param[t] - (stepSize * m1) / (Math.sqrt(v1) + epsilon);
}
