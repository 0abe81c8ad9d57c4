import type { AdamStep, Backend, FloatArray, Precision } from './backend.js';

/**
 * The plain TypeScript backend over typed arrays: the reference implementation of every
 * primitive and the default backend.
 *
 * Speed notes: `matmul` skips zero entries of its left operand, so ReLU zeros and the zeros of
 * a sparse path encoding cost nothing; loops are ordered so the innermost loop walks
 * contiguous memory.
 *
 * Limitations: skipping zeros means 0 · ∞ contributes 0 instead of NaN; non-finite weights are
 * caught by the NaN debug mode (`debugNan`) rather than propagated here.
 *
 * @param precision storage of the buffers this backend allocates (default 'float64').
 */
export function createJsBackend(precision: Precision = 'float64'): Backend {
  return {
    name: 'js',
    precision,
    sparseInputs: true,
    alloc: (n) => (precision === 'float64' ? new Float64Array(n) : new Float32Array(n)),
    matmul,
    addBias,
    relu,
    reluGrad,
    columnSums,
    adamUpdate,
  };
}

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
  out.fill(0, 0, cols);
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
