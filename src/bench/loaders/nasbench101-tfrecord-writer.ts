/**
 * Minimal writer of NAS-Bench-101 tfrecord files (the format read by nasbench101-tfrecord.ts),
 * used to generate the small fixtures in fixtures/nasbench101/ (bench/nb101-make-fixtures.ts).
 * It writes only what the reader needs: proto2 `ModelMetrics` with fields 1–3 and
 * `EvaluationData` fields 1–5 (and 6 when `checkpointPath` is non-empty).
 */
import type { Nb101Arch } from '../../space/nasbench101/cell.js';
import type { Nb101EvaluationData, Nb101ModelMetrics } from './nasbench101-tfrecord.js';
import { encodeTfRecord } from './tfrecord-writer.js';

/** What one written record holds. */
export interface Nb101RecordToWrite {
  hash: string;
  epochs: number;
  cell: Nb101Arch;
  metrics: Nb101ModelMetrics;
}

/** Encodes a `ModelMetrics` message (proto2 wire format, fields in number order). */
export function encodeModelMetrics(m: Nb101ModelMetrics): Uint8Array {
  const parts: number[] = [];
  for (const e of m.evaluationData) {
    const inner = encodeEvaluationData(e);
    pushVarint(parts, (1 << 3) | 2);
    pushVarint(parts, inner.length);
    for (const b of inner) parts.push(b);
  }
  pushVarint(parts, (2 << 3) | 0);
  pushVarint(parts, m.trainableParameters);
  pushVarint(parts, (3 << 3) | 1);
  pushDouble(parts, m.totalTime);
  return Uint8Array.from(parts);
}

/** JSON payload of a record: `[hash, epochs, raw_adjacency, raw_operations, base64 metrics]`. */
export function encodeNb101RecordJson(r: Nb101RecordToWrite): string {
  const adjacency = r.cell.matrix.map((row) => row.map((v) => (v ? '1' : '0')).join('')).join('');
  const metrics = Buffer.from(encodeModelMetrics(r.metrics)).toString('base64');
  return JSON.stringify([r.hash, r.epochs, adjacency, r.cell.ops.join(','), metrics]);
}

/** The bytes of a whole tfrecord file holding `records` in order. */
export function encodeNb101TfRecordFile(records: readonly Nb101RecordToWrite[]): Buffer {
  const framed = records.map((r) => encodeTfRecord(Buffer.from(encodeNb101RecordJson(r), 'utf8')));
  return Buffer.concat(framed);
}

function encodeEvaluationData(e: Nb101EvaluationData): number[] {
  const parts: number[] = [];
  const values = [
    e.currentEpoch,
    e.trainingTime,
    e.trainAccuracy,
    e.validationAccuracy,
    e.testAccuracy,
  ];

  values.forEach((v, k) => {
    pushVarint(parts, ((k + 1) << 3) | 1);
    pushDouble(parts, v);
  });
  if (e.checkpointPath !== '') {
    const text = new TextEncoder().encode(e.checkpointPath);
    pushVarint(parts, (6 << 3) | 2);
    pushVarint(parts, text.length);
    for (const b of text) parts.push(b);
  }
  return parts;
}

function pushVarint(out: number[], x: number): void {
  if (!Number.isInteger(x) || x < 0) {
    throw new RangeError(`encodeModelMetrics: varint needs a non-negative integer, got ${x}`);
  }
  while (x >= 128) {
    out.push((x % 128) | 128);
    x = Math.floor(x / 128);
  }
  out.push(x);
}

function pushDouble(out: number[], v: number): void {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v, 0);
  for (const x of b) out.push(x);
}
