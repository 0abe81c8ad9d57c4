/**
 * `Nb101Table`: the NAS-Bench-101 cells of one data source in compact columnar form, sorted by
 * official graph hash, with mean test accuracy for every cell and, when the source has them,
 * the per-repeat validation/test accuracies and training times at 108 epochs.
 *
 * Memory: about 40 bytes per cell without repeats (16 hash bytes, packed graph, params, mean
 * test accuracy), so ~17 MB for the 423,624 cells.
 */
import type { Nb101Arch } from '../../space/nasbench101/cell.js';
import { NB101_INPUT, NB101_OPS, NB101_OUTPUT } from '../../space/nasbench101/constants.js';

/** One cell as a loader hands it to `Nb101Table.fromCells`. Accuracies are fractions in [0, 1]. */
export interface Nb101CellRecord {
  /** Official graph hash, 32 lowercase hex chars. */
  hash: string;
  /** The stored (pruned) cell. */
  cell: Nb101Arch;
  /** Trainable parameters. */
  params: number;
  /** Mean test accuracy over the repeats at 108 epochs; computed from `repeats` when omitted. */
  testAccMean?: number;
  /** Per-repeat final metrics at 108 epochs (usually 3). */
  repeats?: Array<{ valAcc: number; testAcc: number; trainTime: number }>;
}

/** Per-repeat columns: `valAcc[i * 3 + r]` is repeat r of cell i; `count[i]` repeats are stored. */
export interface Nb101Repeats {
  readonly valAcc: Float64Array;
  readonly testAcc: Float64Array;
  /** Final training time of each repeat, seconds. */
  readonly trainTime: Float64Array;
  readonly count: Uint8Array;
}

/** Most repeats stored per cell (NB101 trained every cell 3 times). */
export const NB101_MAX_REPEATS = 3;

const HEX = '0123456789abcdef';

/**
 * Columnar table of NB101 cells, rows in ascending hash order (row i = official index i for the
 * full table). Look up a cell with `indexOf(hash)` (binary search, −1 when absent).
 */
export class Nb101Table {
  /** Number of cells. */
  readonly size: number;
  /** Trainable parameters per row. */
  readonly params: Float64Array;
  /** Mean test accuracy over the repeats at 108 epochs per row, fraction. */
  readonly testAccMean: Float64Array;
  /** Per-repeat metrics, or null when the source has only the mean test accuracy (nb101.csv.gz). */
  readonly repeats: Nb101Repeats | null;

  /**
   * @param source file(s) the rows came from (for messages)
   * @param hashBytes 16 bytes per row, rows strictly ascending
   * @param numVertices vertices of each stored (pruned) cell, 2..7
   * @param edgeBits edges of each cell, bit `edgeBit(r, c)` set for an edge r→c
   * @param opCodes 2 bits per interior vertex (vertex v at bits 2(v−1)), canonical op code
   */
  constructor(
    readonly source: string,
    private readonly hashBytes: Uint8Array,
    readonly numVertices: Uint8Array,
    private readonly edgeBits: Uint32Array,
    private readonly opCodes: Uint16Array,
    params: Float64Array,
    testAccMean: Float64Array,
    repeats: Nb101Repeats | null,
  ) {
    this.size = numVertices.length;
    this.params = params;
    this.testAccMean = testAccMean;
    this.repeats = repeats;
  }

  /** Builds a table from cell records (any order; sorted here). Throws on a repeated hash. */
  static fromCells(records: readonly Nb101CellRecord[], source: string): Nb101Table {
    const sorted = records.slice().sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    const n = sorted.length;
    const hashBytes = new Uint8Array(16 * n);
    const numVertices = new Uint8Array(n);
    const edgeBits = new Uint32Array(n);
    const opCodes = new Uint16Array(n);
    const params = new Float64Array(n);
    const testAccMean = new Float64Array(n);
    const withRepeats =
      n > 0 && sorted.every((r) => r.repeats !== undefined && r.repeats.length > 0);
    const repeats: Nb101Repeats | null = withRepeats
      ? {
          valAcc: new Float64Array(NB101_MAX_REPEATS * n),
          testAcc: new Float64Array(NB101_MAX_REPEATS * n),
          trainTime: new Float64Array(NB101_MAX_REPEATS * n),
          count: new Uint8Array(n),
        }
      : null;
    sorted.forEach((rec, i) => {
      if (i > 0 && sorted[i - 1]!.hash === rec.hash) {
        throw new Error(`${source}: hash ${rec.hash} appears twice`);
      }
      writeHashBytes(rec.hash, hashBytes, 16 * i, source);
      const packed = packCell(rec.cell);
      numVertices[i] = packed.numVertices;
      edgeBits[i] = packed.edgeBits;
      opCodes[i] = packed.opCodes;
      params[i] = rec.params;
      if (repeats !== null) {
        const reps = rec.repeats!.slice(0, NB101_MAX_REPEATS);
        repeats.count[i] = reps.length;
        reps.forEach((r, k) => {
          repeats.valAcc[NB101_MAX_REPEATS * i + k] = r.valAcc;
          repeats.testAcc[NB101_MAX_REPEATS * i + k] = r.testAcc;
          repeats.trainTime[NB101_MAX_REPEATS * i + k] = r.trainTime;
        });
      }
      testAccMean[i] =
        rec.testAccMean ??
        (rec.repeats ?? []).reduce((s, r) => s + r.testAcc, 0) / (rec.repeats?.length ?? NaN);
    });
    return new Nb101Table(
      source,
      hashBytes,
      numVertices,
      edgeBits,
      opCodes,
      params,
      testAccMean,
      repeats,
    );
  }

  /** Row of `hash` (32 hex chars, any case), or −1 when the table has no such cell. */
  indexOf(hash: string): number {
    if (hash.length !== 32) return -1;
    const key = new Uint8Array(16);
    for (let k = 0; k < 16; k++) {
      const hi = hexValue(hash.charCodeAt(2 * k));
      const lo = hexValue(hash.charCodeAt(2 * k + 1));
      if (hi < 0 || lo < 0) return -1;
      key[k] = (hi << 4) | lo;
    }
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = compareAt(this.hashBytes, 16 * mid, key);
      if (cmp === 0) return mid;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Official hash of row `i` (lowercase hex). */
  hashAt(i: number): string {
    this.checkRow(i);
    let s = '';
    for (let k = 0; k < 16; k++) {
      const b = this.hashBytes[16 * i + k]!;
      s += HEX[b >>> 4]! + HEX[b & 15]!;
    }
    return s;
  }

  /** The stored (pruned) cell of row `i`, a fresh object. */
  cellAt(i: number): Nb101Arch {
    this.checkRow(i);
    const n = this.numVertices[i]!;
    const bits = this.edgeBits[i]!;
    const codes = this.opCodes[i]!;
    const matrix: number[][] = [];
    for (let r = 0; r < n; r++) {
      const row = new Array<number>(n).fill(0);
      for (let c = r + 1; c < n; c++) row[c] = (bits >>> edgeBit(r, c)) & 1;
      matrix.push(row);
    }
    const ops = [NB101_INPUT];
    for (let v = 1; v < n - 1; v++) ops.push(NB101_OPS[(codes >>> (2 * (v - 1))) & 3]!);
    ops.push(NB101_OUTPUT);
    return { matrix, ops };
  }

  /** Number of edges of row `i`'s cell. */
  edgeCountAt(i: number): number {
    this.checkRow(i);
    let b = this.edgeBits[i]!;
    let e = 0;
    while (b !== 0) {
      e += b & 1;
      b >>>= 1;
    }
    return e;
  }

  private checkRow(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) {
      throw new RangeError(`Nb101Table: row ${i} out of range 0..${this.size - 1}`);
    }
  }
}

/** Bit position of edge r→c (r < c ≤ 6) in a packed cell: r * 7 + c − (r + 1)(r + 2)/2. */
export function edgeBit(r: number, c: number): number {
  return r * 7 + c - ((r + 1) * (r + 2)) / 2;
}

/** Packs a trusted pruned cell (matrix ≤ 7×7, NB101 op names). */
export function packCell(cell: Nb101Arch): {
  numVertices: number;
  edgeBits: number;
  opCodes: number;
} {
  const n = cell.matrix.length;
  let edgeBits = 0;
  for (let r = 0; r < n; r++) {
    for (let c = r + 1; c < n; c++) if (cell.matrix[r]![c]) edgeBits |= 1 << edgeBit(r, c);
  }
  let opCodes = 0;
  const names: readonly string[] = NB101_OPS;
  for (let v = 1; v < n - 1; v++) opCodes |= names.indexOf(cell.ops[v]!) << (2 * (v - 1));

  return { numVertices: n, edgeBits: edgeBits >>> 0, opCodes };
}

/** Writes 32 hex chars as 16 bytes at `out[off]`; throws naming `source` on a bad hash. */
export function writeHashBytes(hash: string, out: Uint8Array, off: number, source: string): void {
  if (hash.length !== 32) throw new Error(`${source}: hash '${hash}' is not 32 hex chars`);
  for (let k = 0; k < 16; k++) {
    const hi = hexValue(hash.charCodeAt(2 * k));
    const lo = hexValue(hash.charCodeAt(2 * k + 1));
    if (hi < 0 || lo < 0) throw new Error(`${source}: hash '${hash}' is not 32 hex chars`);
    out[off + k] = (hi << 4) | lo;
  }
}

/** Value of one hex digit char code (either case), −1 for anything else. */
export function hexValue(ch: number): number {
  if (ch >= 48 && ch <= 57) return ch - 48;
  if (ch >= 97 && ch <= 102) return ch - 87;
  if (ch >= 65 && ch <= 70) return ch - 55;
  return -1;
}

function compareAt(bytes: Uint8Array, off: number, key: Uint8Array): number {
  for (let k = 0; k < 16; k++) {
    const d = bytes[off + k]! - key[k]!;
    if (d !== 0) return d;
  }
  return 0;
}
