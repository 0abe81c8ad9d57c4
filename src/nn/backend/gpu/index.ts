import type { Backend } from '../backend.js';

/** Placeholder until the gpu.js kernels land (TODO(#5): gpu.js backend). */
export async function detectGpuBackend(): Promise<{ backend?: Backend; why: string }> {
  return { why: 'gpu.js backend not implemented yet' };
}
