import type { AdamStep, Backend, FloatArray } from '../backend.js';
import { adamKernel } from './kernels/adam.js';
import { addBiasKernel } from './kernels/add-bias.js';
import { columnSumsKernel } from './kernels/column-sums.js';
import { matmulKernel } from './kernels/matmul.js';
import { reluGradKernel } from './kernels/relu-grad.js';
import { reluKernel } from './kernels/relu.js';

/**
 * gpu.js modes this backend can be built on: 'cpu' (gpu.js' JavaScript fallback, always
 * available), 'webasm' (its WebAssembly backend, on the CPU), 'gpu' (the first GL context
 * gpu.js finds: headless-gl in Node, WebGL2/WebGL in a browser).
 */
export type GpuJsMode = 'cpu' | 'webasm' | 'gpu';

/** gpu.js kernel classes that run on a graphics processor. */
// Kernel classes that run on a graphics device. The mode string alone is not enough: gpu.js'
// browser build reports mode 'gpu' for its WebGL2 kernel; the class names survive minification.
const GPU_KERNEL_CLASSES = ['HeadlessGLKernel', 'WebGLKernel', 'WebGL2Kernel', 'WebGPUKernel'];

// minimal view of the parts of gpu.js used here (its own typings are loose about `mode`)
interface GpuKernel {
  (...args: unknown[]): unknown;
  setOutput(output: number[]): void;
}
interface GpuInstance {
  createKernel(fn: unknown, settings: object): GpuKernel;
  destroy(): void;
  Kernel: { mode: string; name: string };
}
interface GpuModule {
  GPU: {
    new (settings: { mode: string }): GpuInstance;
    isHeadlessGLSupported: boolean;
    isWebGLSupported: boolean;
    isWebGL2Supported: boolean;
    isWebAssemblySupported: boolean;
  };
}

/** Loads gpu.js by dynamic import (so a CPU-only install never pays for it). */
async function loadGpuJs(): Promise<GpuModule> {
  const mod = (await import('gpu.js')) as unknown as GpuModule & { default?: GpuModule };
  return mod.GPU !== undefined ? mod : mod.default!;
}

/**
 * Builds the gpu.js backend in `mode`: one kernel per primitive (`kernels/`), float32 buffers,
 * results copied back into the caller's buffers after every call.
 *
 * Limitations: no fused or sparse kernels (nothing to measure them on: no GPU was lent while
 * this was written), and one kernel launch plus transfers per primitive, so for BANANAS' tiny
 * networks (minibatch 32, width 20) it is far slower than the JS backend;
 * it exists for larger networks and as a second implementation the parity tests check.
 *
 * @throws Error when gpu.js cannot be loaded or the mode is unavailable (message from gpu.js).
 */
export async function createGpuJsBackend(mode: GpuJsMode): Promise<Backend> {
  const { GPU } = await loadGpuJs();
  const gpu = new GPU({ mode });
  const settings = {
    dynamicOutput: true,
    dynamicArguments: true,
    output: [1],
    loopMaxIterations: 1 << 20,
    precision: 'single',
    tactic: 'precision',
  };
  const make = (fn: unknown): GpuKernel => gpu.createKernel(fn, settings);
  const kMatmul = make(matmulKernel);
  const kBias = make(addBiasKernel);
  const kRelu = make(reluKernel);
  const kReluGrad = make(reluGradKernel);
  const kColSums = make(columnSumsKernel);
  const kAdam = make(adamKernel);
  const run = (k: GpuKernel, length: number, ...args: unknown[]): Float32Array => {
    k.setOutput([length]);
    return k(...args) as Float32Array;
  };
  return {
    name: `gpu.js (${gpu.Kernel.name || gpu.Kernel.mode})`,
    precision: 'float32',
    sparseInputs: false,
    dispose: () => gpu.destroy(),
    alloc: (n) => new Float32Array(n),
    matmul(a, b, out, m, k, n, transA, transB) {
      out.set(run(kMatmul, m * n, a, b, m, k, n, transA ? 1 : 0, transB ? 1 : 0));
    },
    addBias(x, bias, rows, cols) {
      x.set(run(kBias, rows * cols, x, bias, cols));
    },
    relu(x, n) {
      x.set(run(kRelu, n, x));
    },
    reluGrad(dy, y, n) {
      dy.set(run(kReluGrad, n, dy, y));
    },
    columnSums(a, rows, cols, out) {
      out.set(run(kColSums, cols, a, rows, cols));
    },
    adamUpdate(param, grad, first, second, start, end, step: AdamStep) {
      const len = end - start;
      if (len <= 0) return;
      const args = [
        param,
        grad,
        first,
        second,
        step.stepSize,
        step.beta1,
        step.beta2,
        step.epsilon,
        start,
      ];
      const p = run(kAdam, len, ...args, 0).slice();
      const m = run(kAdam, len, ...args, 1).slice();
      const v = run(kAdam, len, ...args, 2);
      param.set(p, start);
      first.set(m, start);
      second.set(v, start);
    },
  };
}

/**
 * Looks for a working GPU through gpu.js: requires a GL context (headless-gl in Node), builds
 * the backend in 'gpu' mode, and checks a 2 × 3 by 3 × 2 product against its exact value.
 * @returns the backend, or none and why (for `resolveBackend`'s fall-back message).
 */
export async function detectGpuBackend(): Promise<{ backend?: Backend; why: string }> {
  const { GPU } = await loadGpuJs();
  if (!GPU.isHeadlessGLSupported && !GPU.isWebGL2Supported && !GPU.isWebGLSupported) {
    const wasm = GPU.isWebAssemblySupported
      ? " (gpu.js would run 'gpu' mode as WebAssembly on the CPU)"
      : '';
    const inBrowser = typeof (globalThis as { document?: unknown }).document !== 'undefined';
    return {
      why: inBrowser
        ? `gpu.js finds no WebGL context in this browser${wasm}`
        : `gpu.js finds no GPU: headless-gl (package 'gl') is not installed or has no context${wasm}`,
    };
  }
  const software = softwareRenderer();
  if (software !== undefined) {
    return {
      why: `the WebGL renderer is software (${software}), where gpu.js ran about 37× slower than js`,
    };
  }
  const backend = await createGpuJsBackend('gpu');
  const kernelMode = backend.name.slice('gpu.js ('.length, -1);
  if (!GPU_KERNEL_CLASSES.includes(kernelMode)) {
    backend.dispose?.();
    return { why: `gpu.js picked '${kernelMode}', which is not a GPU` };
  }
  const problem = checkTinyMatmul(backend);
  if (problem !== undefined) {
    backend.dispose?.();
    return { why: `gpu.js test kernel on ${kernelMode} failed: ${problem}` };
  }
  return { backend, why: `test kernel on ${kernelMode} gave the right product` };
}

/**
 * In a browser, the name of the WebGL renderer when it is a software one (SwiftShader, llvmpipe,
 * softpipe: measured about 37× slower than the js backend for these networks), else undefined;
 * always undefined outside a browser.
 */
function softwareRenderer(): string | undefined {
  const doc = (globalThis as { document?: { createElement(tag: string): unknown } }).document;
  if (doc === undefined) return undefined;
  try {
    const canvas = doc.createElement('canvas') as HTMLCanvasElement;
    const gl = (canvas.getContext('webgl2') ??
      canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (gl === null) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    return /swiftshader|llvmpipe|softpipe|software/i.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Runs [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]; returns a problem or undefined. */
export function checkTinyMatmul(backend: Backend): string | undefined {
  const a = backend.alloc(6);
  const b = backend.alloc(6);
  a.set([1, 2, 3, 4, 5, 6]);
  b.set([7, 8, 9, 10, 11, 12]);
  const out: FloatArray = backend.alloc(4);
  try {
    backend.matmul(a, b, out, 2, 3, 2, false, false);
  } catch (e) {
    return `it threw: ${(e as Error).message}`;
  }
  const expected = [58, 64, 139, 154];
  return expected.every((v, i) => Math.abs(out[i]! - v) < 1e-3)
    ? undefined
    : `got [${Array.from(out).join(', ')}], expected [${expected.join(', ')}]`;
}
