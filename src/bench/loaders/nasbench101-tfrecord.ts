/**
 * Reader of the official NAS-Bench-101 data files `nasbench_only108.tfrecord` /
 * `nasbench_full.tfrecord` (google-research/nasbench), without TensorFlow.
 *
 * File format: a TFRecord file (see tfrecord.ts); each record is UTF-8 JSON, a list of 5:
 * `[hash, epochs, raw_adjacency, raw_operations, raw_metrics]` where
 *
 * | field | type | meaning |
 * | --- | --- | --- |
 * | hash | string, 32 hex | official graph hash of the pruned cell |
 * | epochs | integer | training budget of this record (108; the full file also has 4, 12, 36) |
 * | raw_adjacency | string of V² `0`/`1` | row-major adjacency of the pruned cell |
 * | raw_operations | string | V op names joined by `,` (`input,conv3x3-bn-relu,…,output`) |
 * | raw_metrics | string, base64 | a protocol-buffer `ModelMetrics` message (below) |
 *
 * `ModelMetrics` (nasbench/lib/model_metrics.proto, proto2): field 1 `evaluation_data`
 * (repeated message `EvaluationData`), field 2 `trainable_parameters` (int32, varint), field 3
 * `total_time` (double). `EvaluationData`: 1 `current_epoch`, 2 `training_time` (s),
 * 3 `train_accuracy`, 4 `validation_accuracy`, 5 `test_accuracy` (all double, fixed64), 6
 * `checkpoint_path` (string). As in the official API, `evaluation_data[1]` is the halfway point
 * and `evaluation_data[2]` the end of training. One record = one training run, so a cell has
 * one record per (epochs, repeat): 3 records at 108 epochs.
 *
 * Record schema yielded: `Nb101TfRecordEntry` per record (`readNb101TfRecord`), or an
 * `Nb101Table` with per-repeat final metrics at one budget (`loadNb101TfRecord`).
 */
import { DataFileError } from '../../core/errors.js';
import { graphHash } from '../../space/nasbench101/graph-hash.js';
import { validateNb101 } from '../../space/nasbench101/validate.js';
import type { Nb101Arch } from '../../space/nasbench101/cell.js';
import { NB101_MAX_REPEATS, Nb101Table, packCell, writeHashBytes } from './nasbench101-table.js';
import { readTfRecords, type TfRecordReadOptions } from './tfrecord.js';

/** One `EvaluationData` message. Accuracies are fractions, times seconds; absent fields 0 / ''. */
export interface Nb101EvaluationData {
  currentEpoch: number;
  trainingTime: number;
  trainAccuracy: number;
  validationAccuracy: number;
  testAccuracy: number;
  checkpointPath: string;
}

/** The decoded `ModelMetrics` message. */
export interface Nb101ModelMetrics {
  evaluationData: Nb101EvaluationData[];
  trainableParameters: number;
  totalTime: number;
}

/** One record of the official file: one training run of one cell at one budget. */
export interface Nb101TfRecordEntry {
  /** 0-based record number and byte offset in the file. */
  record: number;
  offset: number;
  hash: string;
  epochs: number;
  /** The stored (pruned) cell. */
  cell: Nb101Arch;
  metrics: Nb101ModelMetrics;
}

/** Options of `readNb101TfRecord` / `loadNb101TfRecord`. */
export interface Nb101TfRecordOptions extends TfRecordReadOptions {
  /** Recompute each record's graph hash and require it to equal the stored one (default false). */
  verifyHash?: boolean;
}

/**
 * Iterates over the records of an official NB101 tfrecord file, decoding JSON, cell and
 * metrics. Throws DataFileError naming the file, the record number, its byte offset and what was
 * expected (framing and CRC errors from `readTfRecords`; JSON that is not a 5-element list of the
 * types above; an adjacency that is not square or not a valid NB101 cell; bad base64; a
 * malformed or truncated protocol buffer; fewer than 3 evaluations; a hash mismatch with
 * `verifyHash`).
 */
export function* readNb101TfRecord(
  file: string,
  options: Nb101TfRecordOptions = {},
): Generator<Nb101TfRecordEntry> {
  for (const rec of readTfRecords(file, options)) {
    const fail = (what: string): never => {
      throw new DataFileError(
        file,
        undefined,
        `record ${rec.index} at byte ${rec.offset}: ${what}`,
      );
    };

    // json: [hash, epochs, raw_adjacency, raw_operations, raw_metrics]
    let value: unknown;
    try {
      value = JSON.parse(rec.data.toString('utf8'));
    } catch (e) {
      return fail(
        `payload is not JSON (${(e as Error).message}); ` +
          'expected [hash, epochs, adjacency, operations, metrics]',
      );
    }
    if (!Array.isArray(value) || value.length !== 5) {
      return fail(
        'payload is not a JSON list of 5 fields [hash, epochs, adjacency, operations, metrics]',
      );
    }
    const [hash, epochs, adjacency, operations, metrics] = value as unknown[];
    if (typeof hash !== 'string' || !/^[0-9a-f]{32}$/.test(hash)) {
      fail(`hash ${JSON.stringify(hash)} is not 32 lowercase hex chars`);
    }
    if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs <= 0) {
      fail(`epochs ${JSON.stringify(epochs)} is not a positive integer`);
    }
    if (typeof adjacency !== 'string' || !/^[01]+$/.test(adjacency)) {
      fail(`adjacency ${JSON.stringify(adjacency)} is not a string of 0/1`);
    }
    if (typeof operations !== 'string') {
      fail(`operations ${JSON.stringify(operations)} is not a comma-separated string`);
    }
    const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
    if (typeof metrics !== 'string' || metrics.length % 4 !== 0 || !base64.test(metrics)) {
      fail('metrics is not a base64 string');
    }

    // cell: square 0/1 matrix + op names, a valid pruned NB101 cell
    const adj = adjacency as string;
    const dim = Math.round(Math.sqrt(adj.length));
    if (dim * dim !== adj.length) fail(`adjacency has ${adj.length} chars, not a square number`);
    const matrix: number[][] = [];
    for (let r = 0; r < dim; r++) matrix.push([...adj.slice(r * dim, (r + 1) * dim)].map(Number));
    const cell: Nb101Arch = { matrix, ops: (operations as string).split(',') };
    try {
      validateNb101(cell, 'cell');
    } catch (e) {
      fail((e as Error).message);
    }
    if (options.verifyHash && graphHash(cell) !== hash) {
      fail(`stored hash ${hash as string} differs from the cell's graph hash ${graphHash(cell)}`);
    }

    // metrics: protocol buffer ModelMetrics
    let decoded: Nb101ModelMetrics;
    try {
      decoded = decodeModelMetrics(Buffer.from(metrics as string, 'base64'));
    } catch (e) {
      return fail(`metrics: ${(e as Error).message}`);
    }
    if (decoded.evaluationData.length < 3) {
      fail(
        `metrics has ${decoded.evaluationData.length} evaluation_data entries, ` +
          'expected at least 3 (start, halfway, final)',
      );
    }
    yield {
      record: rec.index,
      offset: rec.offset,
      hash: hash as string,
      epochs: epochs as number,
      cell,
      metrics: decoded,
    };
  }
}

/**
 * Loads an official NB101 tfrecord file into an `Nb101Table` with per-repeat final validation
 * and test accuracy and training time at `epochs` (default 108). Records at other budgets are
 * skipped. Throws as `readNb101TfRecord`, and DataFileError when a hash has more than 3 records
 * at that budget, its records disagree on the cell, or no record has that budget.
 *
 * Columns are filled while streaming (no object per cell): for a full-size file (1,270,872
 * records, 486 MiB) about 25 s and 260 MB resident (bench/nb101-tfrecord-load.ts).
 */
export function loadNb101TfRecord(
  file: string,
  epochs = 108,
  options: Nb101TfRecordOptions = {},
): Nb101Table {
  // collect: one slot per hash, in first-seen order
  const slotOf = new Map<string, number>();
  const hashes: string[] = [];
  const numVertices: number[] = [];
  const edgeBits: number[] = [];
  const opCodes: number[] = [];
  const params: number[] = [];
  const count: number[] = [];
  const valAcc: number[] = [];
  const testAcc: number[] = [];
  const trainTime: number[] = [];
  for (const e of readNb101TfRecord(file, options)) {
    if (e.epochs !== epochs) continue;
    const final = e.metrics.evaluationData[2]!;
    const packed = packCell(e.cell);
    let slot = slotOf.get(e.hash);
    if (slot === undefined) {
      slot = hashes.length;
      slotOf.set(e.hash, slot);
      hashes.push(e.hash);
      numVertices.push(packed.numVertices);
      edgeBits.push(packed.edgeBits);
      opCodes.push(packed.opCodes);
      params.push(e.metrics.trainableParameters);
      count.push(0);
    } else if (
      numVertices[slot] !== packed.numVertices ||
      edgeBits[slot] !== packed.edgeBits ||
      opCodes[slot] !== packed.opCodes
    ) {
      throw new DataFileError(
        file,
        undefined,
        `record ${e.record} at byte ${e.offset}: ` +
          `hash ${e.hash} was stored earlier with a different cell`,
      );
    }
    const k = count[slot]!;
    if (k >= NB101_MAX_REPEATS) {
      throw new DataFileError(
        file,
        undefined,
        `record ${e.record} at byte ${e.offset}: ` +
          `hash ${e.hash} has more than 3 records at ${epochs} epochs`,
      );
    }
    valAcc[NB101_MAX_REPEATS * slot + k] = final.validationAccuracy;
    testAcc[NB101_MAX_REPEATS * slot + k] = final.testAccuracy;
    trainTime[NB101_MAX_REPEATS * slot + k] = final.trainingTime;
    count[slot] = k + 1;
  }
  if (hashes.length === 0) {
    throw new DataFileError(file, undefined, `no record at ${epochs} epochs`);
  }

  // sort: rows in ascending hash order, as every Nb101Table
  const order = hashes.map((_, i) => i).sort((a, b) => (hashes[a]! < hashes[b]! ? -1 : 1));
  const n = order.length;
  const R = NB101_MAX_REPEATS;
  const hashBytes = new Uint8Array(16 * n);
  const repeats = {
    valAcc: new Float64Array(R * n),
    testAcc: new Float64Array(R * n),
    trainTime: new Float64Array(R * n),
    count: new Uint8Array(n),
  };
  const testAccMean = new Float64Array(n);
  order.forEach((slot, row) => {
    writeHashBytes(hashes[slot]!, hashBytes, 16 * row, file);
    const c = count[slot]!;
    repeats.count[row] = c;
    let sum = 0;
    for (let k = 0; k < c; k++) {
      repeats.valAcc[R * row + k] = valAcc[R * slot + k]!;
      repeats.testAcc[R * row + k] = testAcc[R * slot + k]!;
      repeats.trainTime[R * row + k] = trainTime[R * slot + k]!;
      sum += testAcc[R * slot + k]!;
    }
    testAccMean[row] = sum / c;
  });
  const pick = (xs: number[]): number[] => order.map((slot) => xs[slot]!);
  return new Nb101Table(
    file,
    hashBytes,
    Uint8Array.from(pick(numVertices)),
    Uint32Array.from(pick(edgeBits)),
    Uint16Array.from(pick(opCodes)),
    Float64Array.from(pick(params)),
    testAccMean,
    repeats,
  );
}

/**
 * Decodes a `ModelMetrics` protocol-buffer message (proto2 wire format). Unknown fields are
 * skipped by wire type. Throws Error naming the byte position for a truncated or malformed
 * message.
 */
export function decodeModelMetrics(bytes: Uint8Array): Nb101ModelMetrics {
  const out: Nb101ModelMetrics = { evaluationData: [], trainableParameters: 0, totalTime: 0 };
  readFields(bytes, 0, bytes.length, (field, wire, r) => {
    if (field === 1 && wire === 2) {
      const [a, b] = r.bytes();
      out.evaluationData.push(decodeEvaluationData(bytes, a, b));
    } else if (field === 2 && wire === 0) {
      out.trainableParameters = toInt32(r.varint());
    } else if (field === 3 && wire === 1) {
      out.totalTime = r.double();
    } else r.skip(wire);
  });
  return out;
}

function decodeEvaluationData(bytes: Uint8Array, start: number, end: number): Nb101EvaluationData {
  const out: Nb101EvaluationData = {
    currentEpoch: 0,
    trainingTime: 0,
    trainAccuracy: 0,
    validationAccuracy: 0,
    testAccuracy: 0,
    checkpointPath: '',
  };
  const doubles = [
    'currentEpoch',
    'trainingTime',
    'trainAccuracy',
    'validationAccuracy',
    'testAccuracy',
  ] as const;

  readFields(bytes, start, end, (field, wire, r) => {
    if (field >= 1 && field <= 5 && wire === 1) out[doubles[field - 1]!] = r.double();
    else if (field === 6 && wire === 2) {
      const [a, b] = r.bytes();
      out.checkpointPath = new TextDecoder().decode(bytes.subarray(a, b));
    } else r.skip(wire);
  });
  return out;
}

interface FieldReader {
  varint(): number;
  double(): number;
  bytes(): [number, number];
  skip(wire: number): void;
}

/** Walks the fields of a message in `bytes[start, end)`, calling `on(field, wire, reader)`. */
function readFields(
  bytes: Uint8Array,
  start: number,
  end: number,
  on: (field: number, wire: number, reader: FieldReader) => void,
): void {
  let pos = start;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number, what: string): void => {
    if (pos + n > end) {
      throw new Error(
        `truncated protocol buffer: ${what} at byte ${pos} needs ${n} bytes, ${end - pos} left`,
      );
    }
  };
  const reader: FieldReader = {
    varint() {
      let x = 0;
      let mul = 1;
      for (let k = 0; k < 10; k++) {
        need(1, 'varint');
        const b = bytes[pos++]!;
        x += (b & 0x7f) * mul;
        mul *= 128;
        if ((b & 0x80) === 0) return x;
      }
      throw new Error(
        `malformed protocol buffer: varint longer than 10 bytes ending at byte ${pos}`,
      );
    },
    double() {
      need(8, 'double');
      const v = view.getFloat64(pos, true);
      pos += 8;
      return v;
    },
    bytes() {
      const len = reader.varint();
      need(len, 'length-delimited field');
      const a = pos;
      pos += len;
      return [a, pos];
    },
    skip(wire: number) {
      if (wire === 0) reader.varint();
      else if (wire === 1) {
        need(8, 'fixed64');
        pos += 8;
      } else if (wire === 2) reader.bytes();
      else if (wire === 5) {
        need(4, 'fixed32');
        pos += 4;
      } else
        throw new Error(`malformed protocol buffer: unsupported wire type ${wire} at byte ${pos}`);
    },
  };
  while (pos < end) {
    const key = reader.varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new Error(`malformed protocol buffer: field number 0 at byte ${pos}`);
    on(field, wire, reader);
  }
}

/** A varint holding an int32 (negative values are sign-extended to 64 bits). */
function toInt32(x: number): number {
  return x >= 2 ** 63 ? x - 2 ** 64 : x > 2 ** 31 - 1 ? x | 0 : x;
}
