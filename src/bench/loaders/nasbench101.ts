/**
 * Loader of the full NAS-Bench-101 table `nb101.csv.gz` (data/nasbench101/README.md), read with
 * Node's zlib (no native module).
 *
 * File format: gzip of a UTF-8 CSV, comma separated, no quoting, `\n` line ends (a `\r` before
 * it is tolerated), the header line
 * `index,hash,num_vertices,adjacency,ops,params,test_acc_mean`, then one row per cell:
 *
 * | column | type | meaning |
 * | --- | --- | --- |
 * | `index` | integer | row number (0-based) = rank of `hash` in ascending order |
 * | `hash` | 32 lowercase hex | official NB101 graph hash; strictly ascending |
 * | `num_vertices` | 2..7 | V, vertices of the pruned cell |
 * | `adjacency` | V² chars 0/1 | row-major, strictly upper triangular, ≤ 9 ones |
 * | `ops` | V−2 chars | interior ops: `3` conv3x3-bn-relu, `1` conv1x1-bn-relu, `m` maxpool3x3 |
 * | `params` | integer | trainable parameters |
 * | `test_acc_mean` | in [0, 1] | mean over the 3 repeats of the final test accuracy, 108 epochs |
 *
 * Record schema yielded: an `Nb101Table` with 423,624 rows (row = official index), no per-repeat
 * data (`repeats` is null): the only metric that covers the whole space is the mean test
 * accuracy, so the oracle uses it as validation and as test value (see nasbench101-oracle.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataFileError } from '../../core/errors.js';
import { NB101_MAX_EDGES } from '../../space/nasbench101/constants.js';
import { edgeBit, hexValue, Nb101Table } from './nasbench101-table.js';

export { Nb101Table } from './nasbench101-table.js';
export type { Nb101CellRecord, Nb101Repeats } from './nasbench101-table.js';

/** File name of the full table inside the `nasbench101` data folder. */
export const NB101_CSV_GZ = 'nb101.csv.gz';

/** Number of unique cells of NAS-Bench-101 (rows of the full table). */
export const NB101_CELL_COUNT = 423_624;

/** Header line every nb101 CSV must start with. */
export const NB101_CSV_HEADER = 'index,hash,num_vertices,adjacency,ops,params,test_acc_mean';

/**
 * Loads `nb101.csv.gz` from `dataDir` (the file itself may sit in `dataDir` or in
 * `dataDir/nasbench101`). Synchronous: it returns the table, not a promise.
 *
 * Throws DataFileError naming the file, the line and what was expected: missing file, bad
 * gzip, wrong header, a malformed field, hashes out of order, a row count other than 423,624
 * (truncated file). Takes about 1 s and ~150 MB peak for the real file (bench/nb101-load.ts);
 * share the result (`Oracle.fresh()` does).
 */
export function loadNb101(dataDir: string): Nb101Table {
  const direct = join(dataDir, NB101_CSV_GZ);
  const file = existsSync(direct) ? direct : join(dataDir, 'nasbench101', NB101_CSV_GZ);
  if (!existsSync(file)) {
    throw new DataFileError(file, undefined, `file not found (also looked for ${direct})`);
  }
  let raw: Buffer;
  try {
    raw = gunzipSync(readFileSync(file));
  } catch (e) {
    throw new DataFileError(file, undefined, `not a valid gzip file (${(e as Error).message})`);
  }
  return parseNb101Csv(raw, file, NB101_CELL_COUNT);
}

/**
 * Parses the bytes of an (uncompressed) nb101 CSV; format and errors as `loadNb101`.
 * `expectedRows` (default: any) makes a different row count an error.
 */
export function parseNb101Csv(bytes: Uint8Array, file: string, expectedRows?: number): Nb101Table {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // header
  let pos = buf.indexOf(10);
  const headerEnd = pos < 0 ? buf.length : pos;
  const header = buf.toString('latin1', 0, headerEnd).replace(/\r$/, '');
  if (header !== NB101_CSV_HEADER) {
    throw new DataFileError(
      file,
      1,
      `header is '${header.slice(0, 120)}', expected '${NB101_CSV_HEADER}'`,
    );
  }
  pos = pos < 0 ? buf.length : pos + 1;

  // count lines to size the columns
  let capacity = 0;
  for (let p = pos; p < buf.length; p++) if (buf[p] === 10) capacity++;
  if (buf.length > 0 && buf[buf.length - 1] !== 10) capacity++;
  const hashBytes = new Uint8Array(16 * capacity);
  const numVertices = new Uint8Array(capacity);
  const edgeBits = new Uint32Array(capacity);
  const opCodes = new Uint16Array(capacity);
  const params = new Float64Array(capacity);
  const testAccMean = new Float64Array(capacity);

  // rows
  let row = 0;
  let line = 1;
  const fieldStart = new Int32Array(8);
  while (pos < buf.length) {
    line++;
    let end = buf.indexOf(10, pos);
    if (end < 0) end = buf.length;
    let stop = end;
    if (stop > pos && buf[stop - 1] === 13) stop--;
    if (stop === pos) {
      if (end === buf.length - 1 || end === buf.length) break;
      throw new DataFileError(file, line, 'empty line inside the table');
    }

    // split: exactly 7 fields
    let nf = 1;
    fieldStart[0] = pos;
    for (let p = pos; p < stop; p++) {
      if (buf[p] === 44) {
        if (nf === 7) {
          throw new DataFileError(file, line, 'more than 7 fields; expected ' + NB101_CSV_HEADER);
        }
        fieldStart[nf++] = p + 1;
      }
    }
    if (nf !== 7) {
      throw new DataFileError(file, line, `${nf} fields, expected 7 (${NB101_CSV_HEADER})`);
    }
    fieldStart[7] = stop + 1;
    const f = (k: number): [number, number] => [fieldStart[k]!, fieldStart[k + 1]! - 1];

    // index
    const index = parseUint(buf, ...f(0));
    if (index !== row) {
      throw new DataFileError(file, line, `index is '${text(buf, f(0))}', expected ${row}`);
    }

    // hash: 32 lowercase hex, strictly ascending
    const [h0, h1] = f(1);
    if (h1 - h0 !== 32) {
      throw new DataFileError(file, line, `hash '${text(buf, f(1))}' is not 32 hex chars`);
    }
    for (let k = 0; k < 16; k++) {
      const hi = lowerHex(buf[h0 + 2 * k]!);
      const lo = lowerHex(buf[h0 + 2 * k + 1]!);
      if (hi < 0 || lo < 0) {
        throw new DataFileError(
          file,
          line,
          `hash '${text(buf, f(1))}' is not 32 lowercase hex chars`,
        );
      }
      hashBytes[16 * row + k] = (hi << 4) | lo;
    }
    if (row > 0 && compareRows(hashBytes, row - 1, row) >= 0) {
      throw new DataFileError(
        file,
        line,
        `hash '${text(buf, f(1))}' is not greater than the previous row's; ` +
          'rows must be in ascending hash order',
      );
    }

    // graph: V, adjacency, ops
    const v = parseUint(buf, ...f(2));
    if (!(v >= 2 && v <= 7)) {
      throw new DataFileError(file, line, `num_vertices is '${text(buf, f(2))}', expected 2..7`);
    }
    numVertices[row] = v;
    const [a0, a1] = f(3);
    if (a1 - a0 !== v * v) {
      throw new DataFileError(
        file,
        line,
        `adjacency has ${a1 - a0} chars, expected ${v * v} (num_vertices²)`,
      );
    }
    let bits = 0;
    let edges = 0;
    for (let r = 0; r < v; r++) {
      for (let c = 0; c < v; c++) {
        const ch = buf[a0 + r * v + c];
        if (ch === 48) continue;
        if (ch !== 49) {
          throw new DataFileError(
            file,
            line,
            `adjacency char ${r * v + c} is '${String.fromCharCode(ch!)}', expected 0 or 1`,
          );
        }
        if (c <= r) {
          throw new DataFileError(
            file,
            line,
            `adjacency has an edge ${r}→${c} on or below the diagonal`,
          );
        }
        bits |= 1 << edgeBit(r, c);
        edges++;
      }
    }
    if (edges > NB101_MAX_EDGES) {
      throw new DataFileError(
        file,
        line,
        `adjacency has ${edges} edges, NB101 allows at most ${NB101_MAX_EDGES}`,
      );
    }
    edgeBits[row] = bits >>> 0;
    const [o0, o1] = f(4);
    if (o1 - o0 !== v - 2) {
      throw new DataFileError(
        file,
        line,
        `ops has ${o1 - o0} chars, expected ${v - 2} (num_vertices − 2)`,
      );
    }
    let codes = 0;
    for (let k = 0; k < v - 2; k++) {
      const ch = buf[o0 + k];
      const code = ch === 51 ? 0 : ch === 49 ? 1 : ch === 109 ? 2 : -1;
      if (code < 0) {
        throw new DataFileError(
          file,
          line,
          `ops char ${k} is '${String.fromCharCode(ch!)}', expected 3, 1 or m`,
        );
      }
      codes |= code << (2 * k);
    }
    opCodes[row] = codes;

    // params, test_acc_mean
    const p = parseUint(buf, ...f(5));
    if (p < 0) {
      throw new DataFileError(
        file,
        line,
        `params is '${text(buf, f(5))}', expected a non-negative integer`,
      );
    }
    params[row] = p;
    const accText = text(buf, f(6));
    const acc = Number(accText);
    if (accText === '' || !(acc >= 0 && acc <= 1)) {
      throw new DataFileError(
        file,
        line,
        `test_acc_mean is '${accText}', expected a number in [0, 1]`,
      );
    }
    testAccMean[row] = acc;

    row++;
    pos = end + 1;
  }

  if (expectedRows !== undefined && row !== expectedRows) {
    throw new DataFileError(
      file,
      line,
      `${row} rows, expected ${expectedRows} (truncated or extended file)`,
    );
  }
  const trim = <T extends { subarray(a: number, b: number): T }>(a: T, k = 1): T =>
    a.subarray(0, k * row);

  return new Nb101Table(
    file,
    trim(hashBytes, 16),
    trim(numVertices),
    trim(edgeBits),
    trim(opCodes),
    trim(params),
    trim(testAccMean),
    null,
  );
}

function parseUint(buf: Buffer, a: number, b: number): number {
  if (b <= a || b - a > 15) return -1;
  let x = 0;
  for (let p = a; p < b; p++) {
    const d = buf[p]! - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

function lowerHex(ch: number): number {
  return ch >= 65 && ch <= 70 ? -1 : hexValue(ch);
}

function text(buf: Buffer, [a, b]: [number, number]): string {
  return buf.toString('latin1', a, b);
}

function compareRows(bytes: Uint8Array, i: number, j: number): number {
  for (let k = 0; k < 16; k++) {
    const d = bytes[16 * i + k]! - bytes[16 * j + k]!;
    if (d !== 0) return d;
  }
  return 0;
}
