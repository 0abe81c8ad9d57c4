// The first layer's sparse input path: path encodings are sparse binary vectors, so the first
// layer's forward pass and kernel gradient read only the non-zero inputs (compressed rows).
import type { FloatArray } from './backend/backend.js';

/** Compressed sparse rows of the non-zero inputs. */
export interface Csr {
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/** CSR copy of x, or undefined when more than `maxDensity` of the entries are non-zero. */
export function toCsr(
  x: Float32Array,
  rows: number,
  cols: number,
  maxDensity: number,
): Csr | undefined {
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  if (nnz > maxDensity * rows * cols) return undefined;
  const rowStart = new Int32Array(rows + 1);
  const column = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let p = 0;
  for (let r = 0; r < rows; r++) {
    rowStart[r] = p;
    for (let c = 0; c < cols; c++) {
      const v = x[r * cols + c]!;
      if (v !== 0) {
        column[p] = c;
        value[p++] = v;
      }
    }
  }
  rowStart[rows] = p;
  return { rowStart, column, value };
}

/** z (count × w) = x[order rows] · W, reading only the non-zero inputs. */
export function sparseForward(
  csr: Csr,
  order: Int32Array,
  start: number,
  count: number,
  W: FloatArray,
  z: FloatArray,
  w: number,
): void {
  for (let t = 0; t < count * w; t++) z[t] = 0;
  for (let i = 0; i < count; i++) {
    const r = order[start + i]!;
    const zi = i * w;
    for (let p = csr.rowStart[r]!; p < csr.rowStart[r + 1]!; p++) {
      const v = csr.value[p]!;
      const wk = csr.column[p]! * w;
      for (let j = 0; j < w; j++) z[zi + j] += v * W[wk + j]!;
    }
  }
}

/** dW += x[order rows]ᵀ · delta; dW must be zero on the rows this batch touches. */
export function sparseWeightGrad(
  csr: Csr,
  order: Int32Array,
  start: number,
  count: number,
  delta: FloatArray,
  dW: FloatArray,
  w: number,
): void {
  for (let i = 0; i < count; i++) {
    const r = order[start + i]!;
    const di = i * w;
    for (let p = csr.rowStart[r]!; p < csr.rowStart[r + 1]!; p++) {
      const v = csr.value[p]!;
      const wk = csr.column[p]! * w;
      for (let j = 0; j < w; j++) dW[wk + j] += v * delta[di + j]!;
    }
  }
}

/** Re-zeroes the kernel-gradient rows a sparse batch wrote, so the next batch starts clean. */
export function clearSparseRows(
  dW: FloatArray,
  csr: Csr,
  order: Int32Array,
  start: number,
  count: number,
  w: number,
): void {
  for (let i = 0; i < count; i++) {
    const r = order[start + i]!;
    for (let p = csr.rowStart[r]!; p < csr.rowStart[r + 1]!; p++) {
      const wk = csr.column[p]! * w;
      for (let j = 0; j < w; j++) dW[wk + j] = 0;
    }
  }
}

/** [start, end) element ranges of the first-layer kernel covering the touched input rows. */
export function touchedRuns(touched: Uint8Array, w: number): Int32Array {
  const runs: number[] = [];
  for (let k = 0; k < touched.length; k++) {
    if (touched[k] === 0) continue;
    if (runs.length > 0 && runs[runs.length - 1] === k * w) runs[runs.length - 1] = (k + 1) * w;
    else runs.push(k * w, (k + 1) * w);
  }
  return Int32Array.from(runs);
}
