import { ConfigError } from '../../core/errors.js';
import type { BackendChoice } from '../types.js';
import type { Backend, Precision } from './backend.js';
import { createJsBackend } from './cpu.js';
import { createWasmBackend } from './wasm/index.js';

/** A backend chosen by `resolveBackend`, with the reason in words (for the CLI to print). */
export interface ResolvedBackend {
  backend: Backend;
  /** e.g. "js (requested)" or "js: gpu.js GPU mode unavailable (headless-gl not installed)". */
  reason: string;
}

/** Options of `resolveBackend`. */
export interface ResolveBackendOptions {
  /** Storage precision of the JS backend (default 'float64'); gpu.js is always float32. */
  precision?: Precision;
}

/**
 * Turns a backend request into a working backend.
 *
 * Order: the explicit `choice`, else env `BANANAS_BACKEND`, else 'wasm' (which falls back to
 * 'js' where WebAssembly SIMD is missing). 'js' is the plain TypeScript backend. 'gpu' and
 * 'auto' load gpu.js by dynamic import (never at module load), run a tiny matmul kernel in GPU
 * mode and compare its result with the JS answer; any failure (package missing, no
 * WebGL/headless-gl, a software WebGL renderer, wrong result) falls back to 'wasm' (else 'js')
 * with the reason.
 * gpu.js' CPU mode is never chosen automatically: it is slower than the JS backend.
 * 'wasm' is the WebAssembly SIMD backend (float64 only, results equal to 'js'; one instance per
 * process, shared by every ensemble); it falls back to 'js' with the reason where WebAssembly
 * or its SIMD extension is missing, or when `precision` is 'float32'.
 *
 * @throws ConfigError for an unknown choice (the message lists the valid ones).
 */
export async function resolveBackend(
  choice?: BackendChoice,
  options: ResolveBackendOptions = {},
): Promise<ResolvedBackend> {
  const env = typeof process === 'undefined' ? undefined : process.env.BANANAS_BACKEND;
  const requested = choice ?? (env === undefined || env === '' ? 'wasm' : env);
  const source = choice !== undefined ? 'requested' : env ? 'from BANANAS_BACKEND' : 'default';
  const js = createJsBackend(options.precision ?? 'float64');
  if (requested === 'js') return { backend: js, reason: `js (${source})` };
  if (requested === 'wasm') {
    if (options.precision === 'float32')
      return { backend: js, reason: `js (wasm ${source}, fell back): wasm is float64 only` };
    const probe = await probeWasm();
    if (probe.backend !== undefined) return { backend: probe.backend, reason: `wasm (${source})` };
    return { backend: js, reason: `js (wasm ${source}, fell back): ${probe.why}` };
  }
  if (requested !== 'gpu' && requested !== 'auto') {
    throw new ConfigError(
      `resolveBackend: unknown backend '${requested}'; expected auto, js, gpu or wasm`,
    );
  }
  const probe = await probeGpu();
  if (probe.backend !== undefined)
    return { backend: probe.backend, reason: `${probe.backend.name} (${source}): ${probe.why}` };
  // no usable GPU: the fastest CPU backend ('auto' and 'gpu' alike)
  if (options.precision !== 'float32') {
    const wasm = await probeWasm();
    if (wasm.backend !== undefined)
      return {
        backend: wasm.backend,
        reason: `wasm (${requested} ${source}, fell back): ${probe.why}`,
      };
  }
  return { backend: js, reason: `js (${requested} ${source}, fell back): ${probe.why}` };
}

/**
 * The GPU probe runs once per process: its answer (and, when a GPU works, its one set of
 * kernels) is shared by every later call, so BANANAS' fourteen refits per trial neither repeat
 * the detection nor leak a GL context each round (B26).
 */
let gpuProbe: Promise<{ backend?: Backend; why: string }> | undefined;

/** Tries gpu.js in GPU mode; returns the backend or why not. */
function probeGpu(): Promise<{ backend?: Backend; why: string }> {
  gpuProbe ??= import('./gpu/index.js').then(
    (gpu) => gpu.detectGpuBackend(),
    (e: unknown) => ({ why: `gpu.js backend failed to load: ${(e as Error).message}` }),
  );
  return gpuProbe.catch((e: unknown) => ({ why: `gpu.js probe failed: ${(e as Error).message}` }));
}

/** The wasm backend, created once per process (its module compiles once; arenas are shared). */
let wasmProbe: Promise<{ backend?: Backend; why: string }> | undefined;

/** Creates the wasm backend; returns it or why not. */
function probeWasm(): Promise<{ backend?: Backend; why: string }> {
  wasmProbe ??= createWasmBackend().then(
    (backend) => ({ backend, why: '' }),
    (e: unknown) => ({ why: `wasm backend unavailable: ${(e as Error).message}` }),
  );
  return wasmProbe;
}
