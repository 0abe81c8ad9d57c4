import type { AdamStep, Backend, FloatArray, FusedLayerOps, Precision } from './backend.js';

/** Options of `createJsBackend`. */
export interface JsBackendOptions {
  /**
   * Offer the fused layer kernels (default true). With false the MLP composes the primitives
   * one by one: slower, and kept as the plain reference the fused kernels are tested against.
   */
  fused?: boolean;
}

/**
 * The plain TypeScript backend over typed arrays: the reference implementation of every
 * primitive, and the fallback where WebAssembly SIMD is missing (the default is 'wasm').
 *
 * Speed notes: `matmul` skips zero entries of its left operand, so ReLU zeros and the zeros of
 * a sparse path encoding cost nothing; loops are ordered so the innermost loop walks
 * contiguous memory.
 *
 * Measured (bench/ensemble-fit.ts, 5 nets of 10 × 20, 200 epochs): 6.4–8.6× less CPU time than
 * PyTorch 1.13 on one thread at N = 50–500 training points, 15× at N = 10. Since issue #5 the
 * default is the WebAssembly backend (`wasm/index.ts`), which runs these fused kernels and Adam
 * as wasm SIMD with bit-identical results (12.8–15.6× PyTorch at N ≥ 50); this backend is the
 * reference it is tested against and the fallback where WebAssembly SIMD is missing.
 *
 * Limitations: skipping zeros means 0 · ∞ contributes 0 instead of NaN; non-finite weights are
 * caught by the NaN debug mode (`debugNan`) rather than propagated here.
 *
 * The fused kernels (`denseForward`, `denseBackward`) add bias and ReLU in the same pass and,
 * going backward, visit only (input unit, output unit) pairs where both the ReLU input
 * activation and the output delta are non-zero, computing the kernel gradient and the
 * previous layer's delta together. ReLU networks are about half inactive, so this does a
 * fraction of the dense work.
 *
 * @param precision storage of the buffers this backend allocates (default 'float64'; measured
 *   faster than 'float32' in V8, whose arithmetic is double either way — see bench/).
 */
export function createJsBackend(
  precision: Precision = 'float64',
  options: JsBackendOptions = {},
): Backend {
  const fused = options.fused ?? true;
  return {
    name: fused ? 'js' : 'js (unfused)',
    precision,
    sparseInputs: true,
    alloc: (n) => (precision === 'float64' ? new Float64Array(n) : new Float32Array(n)),
    matmul,
    addBias,
    relu,
    reluGrad,
    columnSums,
    adamUpdate,
    ...(fused ? { fused: fusedOps } : {}),
  };
}

/** Scratch lists of one row's active inputs (grown on demand, shared: single-threaded). */
let rowIndex = new Int32Array(64);
let rowValue = new Float64Array(64);

function grow(n: number): void {
  rowIndex = new Int32Array(n);
  rowValue = new Float64Array(n);
}

const fusedOps: FusedLayerOps = {
  newActiveSets(rows, width) {
    return { index: new Int32Array(rows * width), count: new Int32Array(rows) };
  },

  findActive(h, rows, n, sets) {
    const { index, count } = sets;
    for (let i = 0; i < rows; i++) {
      const o = i * n;
      let c = 0;
      for (let j = 0; j < n; j++) if (h[o + j] !== 0) index[o + c++] = j;
      count[i] = c;
    }
  },

  denseForward(h, W, bias, out, rows, k, n, relu, hSets, outSets) {
    if (rowIndex.length < k) grow(k);
    const idx = rowIndex;
    const val = rowValue;
    const hIndex = hSets.index;
    const record = relu && outSets !== undefined;
    const oIndex = outSets?.index;
    for (let i = 0; i < rows; i++) {
      // gather: the active inputs of this row (row offsets into W) from the active sets
      const hi = i * k;
      const cnt = hSets.count[i]!;
      for (let c = 0; c < cnt; c++) {
        const p = hIndex[hi + c]!;
        idx[c] = p * n;
        val[c] = h[hi + p]!;
      }
      // dot: outputs four at a time from the active inputs, accumulated in registers
      const o = i * n;
      let oc = 0;
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        let s0 = bias[j]!;
        let s1 = bias[j + 1]!;
        let s2 = bias[j + 2]!;
        let s3 = bias[j + 3]!;
        for (let c = 0; c < cnt; c++) {
          const a = val[c]!;
          const q = idx[c]! + j;
          s0 += a * W[q]!;
          s1 += a * W[q + 1]!;
          s2 += a * W[q + 2]!;
          s3 += a * W[q + 3]!;
        }
        if (relu) {
          if (s0 < 0) s0 = 0;
          if (s1 < 0) s1 = 0;
          if (s2 < 0) s2 = 0;
          if (s3 < 0) s3 = 0;
          if (record) {
            if (s0 !== 0) oIndex![o + oc++] = j;
            if (s1 !== 0) oIndex![o + oc++] = j + 1;
            if (s2 !== 0) oIndex![o + oc++] = j + 2;
            if (s3 !== 0) oIndex![o + oc++] = j + 3;
          }
        }
        out[o + j] = s0;
        out[o + j + 1] = s1;
        out[o + j + 2] = s2;
        out[o + j + 3] = s3;
      }
      for (; j < n; j++) {
        let s = bias[j]!;
        for (let c = 0; c < cnt; c++) s += val[c]! * W[idx[c]! + j]!;
        if (relu && s < 0) s = 0;
        if (record && s !== 0) oIndex![o + oc++] = j;
        out[o + j] = s;
      }
      if (record) outSets!.count[i] = oc;
    }
  },

  denseBackward(h, W, delta, dW, dBias, deltaPrev, rows, k, n, hSets, deltaSets) {
    if (rowIndex.length < n) grow(n);
    const idx = rowIndex;
    const val = rowValue;
    const hIndex = hSets.index;
    dW.fill(0, 0, k * n);
    for (let j = 0; j < n; j++) dBias[j] = 0;
    for (let i = 0; i < rows; i++) {
      // gather: the non-zero deltas of this row (from their active sets when given)
      const di = i * n;
      let cnt = 0;
      if (deltaSets !== undefined) {
        cnt = deltaSets.count[i]!;
        for (let c = 0; c < cnt; c++) {
          const j = deltaSets.index[di + c]!;
          const d = delta[di + j]!;
          idx[c] = j;
          val[c] = d;
          dBias[j] += d;
        }
      } else {
        for (let j = 0; j < n; j++) {
          const d = delta[di + j]!;
          if (d !== 0) {
            idx[cnt] = j;
            val[cnt++] = d;
            dBias[j] += d;
          }
        }
      }
      // scatter: kernel gradient and previous delta over active input units, two at a time
      const hi = i * k;
      if (deltaPrev !== undefined) for (let p = 0; p < k; p++) deltaPrev[hi + p] = 0;
      if (cnt === 0) continue;
      const hc = hSets.count[i]!;
      let q = 0;
      for (; q + 4 <= hc; q += 4) {
        const p0 = hIndex[hi + q]!;
        const p1 = hIndex[hi + q + 1]!;
        const p2 = hIndex[hi + q + 2]!;
        const p3 = hIndex[hi + q + 3]!;
        const a0 = h[hi + p0]!;
        const a1 = h[hi + p1]!;
        const a2 = h[hi + p2]!;
        const a3 = h[hi + p3]!;
        const r0 = p0 * n;
        const r1 = p1 * n;
        const r2 = p2 * n;
        const r3 = p3 * n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let c = 0; c < cnt; c++) {
          const j = idx[c]!;
          const v = val[c]!;
          dW[r0 + j] += a0 * v;
          s0 += v * W[r0 + j]!;
          dW[r1 + j] += a1 * v;
          s1 += v * W[r1 + j]!;
          dW[r2 + j] += a2 * v;
          s2 += v * W[r2 + j]!;
          dW[r3 + j] += a3 * v;
          s3 += v * W[r3 + j]!;
        }
        if (deltaPrev !== undefined) {
          deltaPrev[hi + p0] = s0;
          deltaPrev[hi + p1] = s1;
          deltaPrev[hi + p2] = s2;
          deltaPrev[hi + p3] = s3;
        }
      }
      for (; q + 2 <= hc; q += 2) {
        const p0 = hIndex[hi + q]!;
        const p1 = hIndex[hi + q + 1]!;
        const a0 = h[hi + p0]!;
        const a1 = h[hi + p1]!;
        const r0 = p0 * n;
        const r1 = p1 * n;
        let s0 = 0;
        let s1 = 0;
        for (let c = 0; c < cnt; c++) {
          const j = idx[c]!;
          const v = val[c]!;
          dW[r0 + j] += a0 * v;
          s0 += v * W[r0 + j]!;
          dW[r1 + j] += a1 * v;
          s1 += v * W[r1 + j]!;
        }
        if (deltaPrev !== undefined) {
          deltaPrev[hi + p0] = s0;
          deltaPrev[hi + p1] = s1;
        }
      }
      if (q < hc) {
        const p0 = hIndex[hi + q]!;
        const a0 = h[hi + p0]!;
        const r0 = p0 * n;
        let s0 = 0;
        for (let c = 0; c < cnt; c++) {
          const j = idx[c]!;
          const v = val[c]!;
          dW[r0 + j] += a0 * v;
          s0 += v * W[r0 + j]!;
        }
        if (deltaPrev !== undefined) deltaPrev[hi + p0] = s0;
      }
    }
  },
};

function matmul(
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  out.fill(0, 0, m * n);
  if (!transA && !transB) {
    for (let i = 0; i < m; i++) {
      const oi = i * n;
      const ai = i * k;
      for (let p = 0; p < k; p++) {
        const av = a[ai + p]!;
        if (av === 0) continue;
        const bp = p * n;
        for (let j = 0; j < n; j++) out[oi + j] += av * b[bp + j]!;
      }
    }
  } else if (!transA && transB) {
    for (let i = 0; i < m; i++) {
      const ai = i * k;
      const oi = i * n;
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
        out[oi + j] = s;
      }
    }
  } else if (transA && !transB) {
    for (let p = 0; p < k; p++) {
      const ap = p * m;
      const bp = p * n;
      for (let i = 0; i < m; i++) {
        const av = a[ap + i]!;
        if (av === 0) continue;
        const oi = i * n;
        for (let j = 0; j < n; j++) out[oi + j] += av * b[bp + j]!;
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[p * m + i]! * b[j * k + p]!;
        out[i * n + j] = s;
      }
    }
  }
}

function addBias(x: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) x[o + j] += bias[j]!;
  }
}

function relu(x: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) if (x[i]! < 0) x[i] = 0;
}

function reluGrad(dy: FloatArray, y: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) if (y[i]! <= 0) dy[i] = 0;
}

function columnSums(a: FloatArray, rows: number, cols: number, out: FloatArray): void {
  for (let j = 0; j < cols; j++) out[j] = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] += a[o + j]!;
  }
}

function adamUpdate(
  param: FloatArray,
  grad: FloatArray,
  firstMoment: FloatArray,
  secondMoment: FloatArray,
  start: number,
  end: number,
  step: AdamStep,
): void {
  const { stepSize, beta1, beta2, epsilon } = step;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let i = start; i < end; i++) {
    const g = grad[i]!;
    const m = beta1 * firstMoment[i]! + c1 * g;
    const v = beta2 * secondMoment[i]! + c2 * g * g;
    firstMoment[i] = m;
    secondMoment[i] = v;
    param[i] -= (stepSize * m) / (Math.sqrt(v) + epsilon);
  }
}
