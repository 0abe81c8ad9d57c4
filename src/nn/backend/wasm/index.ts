import type { ActiveSets, Backend, FusedLayerOps } from '../backend.js';
import { createJsBackend } from '../cpu.js';
import { kernelModuleBytes, type KernelExports } from './kernels.js';

/**
 * Bytes of one arena (a wasm memory with its own kernel instance): 64 MiB, so that a network's
 * buffers rarely straddle two arenas (such a network runs the JS kernels). Untouched pages of
 * a wasm memory cost address space, not resident memory; where the engine refuses 64 MiB, the
 * arena is made just large enough.
 */
const ARENA_BYTES = 64 << 20;
const PAGE = 65536;

/** One wasm memory, its kernel instance and a bump pointer; never grown (views stay valid). */
interface Arena {
  buffer: ArrayBuffer;
  k: KernelExports;
  top: number;
  /** Scratch of the backward kernel: W transposed and per-column row lists (address, bytes). */
  wt: number;
  wtBytes: number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** Compiles the kernels' module once per process (asynchronously, as browsers require). */
function kernelModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    if (typeof WebAssembly === 'undefined') throw new Error('WebAssembly is not available');
    const bytes = kernelModuleBytes() as unknown as BufferSource;
    if (!WebAssembly.validate(bytes))
      throw new Error('WebAssembly SIMD (f64x2) is not supported here');
    return WebAssembly.compile(bytes);
  })();
  return compiled;
}

/**
 * The WebAssembly backend: float64 buffers live in wasm memories ("arenas" of 64 MiB, a new one
 * when the current is full; an arena is freed by the garbage collector once no buffer of it is
 * referenced) and the fused dense layers, the active-set search and Adam run as wasm kernels
 * (f64x2 SIMD over independent outputs). The remaining primitives (`matmul`, `addBias`, …) and
 * the MLP's sparse first layer are the JS backend's loops over the same buffers.
 *
 * Results equal the float64 JS backend's bit for bit (up to the sign of zeros): each kernel
 * performs the same IEEE operations in the same order (see `kernels.ts`). A kernel given a
 * buffer outside its arena (e.g. allocated elsewhere, or an MLP whose buffers straddle two
 * arenas) runs the JS kernel instead, with the same result.
 *
 * Measured (bench/ensemble-fit.ts): see the README's Performance section.
 *
 * Limitations: float64 only; buffers are never freed individually (an arena is reclaimed as a
 * whole by the garbage collector: 2,000 networks of 3,000 inputs, 5 GB of buffers in all,
 * peaked at 250 MB resident); as in JS, a zero times ±∞ is not NaN in every kernel. Needs
 * WebAssembly SIMD (Node ≥ 16.4, Chrome/Edge ≥ 91, Firefox ≥ 89, Safari ≥ 16.4).
 *
 * @throws Error when WebAssembly or its SIMD extension is unavailable (callers fall back to js).
 */
export async function createWasmBackend(): Promise<Backend> {
  const module = await kernelModule();
  const js = createJsBackend('float64');
  const jsFused = js.fused!;
  const arenas = new WeakMap<ArrayBuffer, Arena>();
  let current: Arena | undefined;
  let lastBuffer: ArrayBufferLike | undefined;
  let last: Arena | undefined;

  const newArena = (bytes: number): Arena => {
    let pages = Math.ceil(Math.max(bytes, ARENA_BYTES) / PAGE);
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    } catch {
      pages = Math.ceil(bytes / PAGE);
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    }
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const arena: Arena = {
      buffer: memory.buffer,
      k: instance.exports as unknown as KernelExports,
      top: 16,
      wt: 0,
      wtBytes: 0,
    };
    arenas.set(memory.buffer, arena);
    return arena;
  };

  /** Room for `bytes` (16-byte aligned) in the current arena, starting a new one if needed. */
  const take = (bytes: number): Arena => {
    const need = (bytes + 15) & ~15;
    if (current === undefined || current.top + need > current.buffer.byteLength)
      current = newArena(need + 16);
    return current;
  };

  const alloc = (n: number): Float64Array => {
    const a = take(n * 8);
    const view = new Float64Array(a.buffer, a.top, n);
    a.top += (n * 8 + 15) & ~15;
    return view;
  };
  const allocInt = (n: number, a: Arena): Int32Array => {
    const view = new Int32Array(a.buffer, a.top, n);
    a.top += (n * 4 + 15) & ~15;
    return view;
  };

  /** The arena holding `x`, or undefined. */
  const arenaOf = (x: ArrayBufferView): Arena | undefined => {
    const b = x.buffer;
    if (b === lastBuffer) return last;
    const a = arenas.get(b as ArrayBuffer);
    if (a !== undefined) {
      lastBuffer = b;
      last = a;
    }
    return a;
  };

  const fused: FusedLayerOps = {
    newActiveSets(rows, width): ActiveSets {
      const a = take(rows * width * 4 + rows * 4 + 16);
      return { index: allocInt(rows * width, a), count: allocInt(rows, a) };
    },

    findActive(h, rows, n, sets) {
      const a = arenaOf(h);
      const b = a?.buffer;
      if (a === undefined || sets.index.buffer !== b || sets.count.buffer !== b)
        return jsFused.findActive(h, rows, n, sets);
      a.k.find(h.byteOffset, rows, n, sets.index.byteOffset, sets.count.byteOffset);
    },

    denseForward(h, W, bias, out, rows, k, n, relu, hSets, outSets) {
      const a = arenaOf(h);
      const b = a?.buffer;
      if (
        a === undefined ||
        W.buffer !== b ||
        bias.buffer !== b ||
        out.buffer !== b ||
        hSets.index.buffer !== b ||
        hSets.count.buffer !== b ||
        (outSets !== undefined && (outSets.index.buffer !== b || outSets.count.buffer !== b))
      )
        return jsFused.denseForward(h, W, bias, out, rows, k, n, relu, hSets, outSets);
      const record = relu && outSets !== undefined;
      a.k.fwd(
        h.byteOffset,
        W.byteOffset,
        bias.byteOffset,
        out.byteOffset,
        rows,
        k,
        n,
        relu ? 1 : 0,
        hSets.index.byteOffset,
        hSets.count.byteOffset,
        record ? outSets.index.byteOffset : 0,
        record ? outSets.count.byteOffset : 0,
        record ? 1 : 0,
      );
    },

    denseBackward(h, W, delta, dW, dBias, deltaPrev, rows, k, n, hSets, deltaSets) {
      const a = arenaOf(h);
      const b = a?.buffer;
      if (
        a === undefined ||
        W.buffer !== b ||
        delta.buffer !== b ||
        dW.buffer !== b ||
        dBias.buffer !== b ||
        (deltaPrev !== undefined && deltaPrev.buffer !== b) ||
        hSets.index.buffer !== b ||
        hSets.count.buffer !== b ||
        (deltaSets !== undefined && (deltaSets.index.buffer !== b || deltaSets.count.buffer !== b))
      )
        return jsFused.denseBackward(
          h,
          W,
          delta,
          dW,
          dBias,
          deltaPrev,
          rows,
          k,
          n,
          hSets,
          deltaSets,
        );
      let wt = 0;
      const need = k * n * 8 + k * 4 + k * rows * 4;
      if (a.wtBytes < need && a.top + need <= a.buffer.byteLength) {
        a.wt = a.top;
        a.wtBytes = need;
        a.top += (need + 15) & ~15;
      }
      if (a.wtBytes >= need) wt = a.wt;
      a.k.bwd(
        h.byteOffset,
        W.byteOffset,
        delta.byteOffset,
        dW.byteOffset,
        dBias.byteOffset,
        deltaPrev?.byteOffset ?? 0,
        rows,
        k,
        n,
        hSets.index.byteOffset,
        hSets.count.byteOffset,
        deltaSets?.index.byteOffset ?? 0,
        deltaSets?.count.byteOffset ?? 0,
        deltaPrev !== undefined ? 1 : 0,
        deltaSets !== undefined ? 1 : 0,
        wt,
      );
    },
  };

  return {
    name: 'wasm',
    precision: 'float64',
    sparseInputs: true,
    fused,
    alloc,
    matmul: js.matmul,
    addBias: js.addBias,
    relu: js.relu,
    reluGrad: js.reluGrad,
    columnSums: js.columnSums,
    adamUpdate(param, grad, m, v, start, end, step) {
      const a = arenaOf(param);
      const b = a?.buffer;
      if (a === undefined || grad.buffer !== b || m.buffer !== b || v.buffer !== b)
        return js.adamUpdate(param, grad, m, v, start, end, step);
      if (end <= start) return;
      a.k.adam(
        param.byteOffset,
        grad.byteOffset,
        m.byteOffset,
        v.byteOffset,
        start,
        end,
        step.stepSize,
        step.beta1,
        step.beta2,
        step.epsilon,
      );
    },
  };
}
