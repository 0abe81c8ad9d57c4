/**
 * The small NAS-Bench-101 tfrecord fixtures of fixtures/nasbench101/, built in memory from
 * synthetic metrics (no values copied from the real data apart from the one repeat of the B06
 * cell quoted in PITFALLS). bench/nb101-make-fixtures.ts writes them to disk; the tests rebuild
 * them and compare byte for byte, so the committed files always match this code.
 *
 * Cells (hashes computed with `graphHash`):
 * - B06: the 9-edge cell of nasbench#23, val [0.9431089758872986, 0.9400, 0.9450], test
 *   [0.9406049847602844, 0.9390, 0.9410], times [1800, 1810, 1820] s;
 * - TIE: input→conv3x3→output, val [0.90, 0.90, 0.93] (B06 tie), test [0.89, 0.89, 0.92],
 *   times [100, 200, 300] s; plus one record at 4 epochs;
 * - A (B07): cell P of B03, test [0.940, 0.950, 0.930], val [0.931, 0.941, 0.921];
 * - B (B07): the 6-vertex conv3x3 chain of B01, test [0.944, 0.944, 0.944], val [0.936 ×3].
 */
import { graphHash } from '../../space/nasbench101/graph-hash.js';
import type { Nb101Arch } from '../../space/nasbench101/cell.js';
import {
  encodeNb101RecordJson,
  encodeNb101TfRecordFile,
  type Nb101RecordToWrite,
} from './nasbench101-tfrecord-writer.js';
import { encodeTfRecord } from './tfrecord-writer.js';

const C3 = 'conv3x3-bn-relu';
const C1 = 'conv1x1-bn-relu';
const MP = 'maxpool3x3';

/** Names of the fixture cells. */
export type FixtureName = 'B06' | 'TIE' | 'A' | 'B';

/** The fixture cells by name. */
export const NB101_FIXTURE_CELLS: Record<FixtureName, Nb101Arch> = {
  B06: {
    matrix: [
      [0, 1, 1, 0, 0, 1, 1],
      [0, 0, 0, 0, 0, 1, 0],
      [0, 0, 0, 1, 0, 0, 0],
      [0, 0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C1, C3, MP, C3, C3, 'output'],
  },
  TIE: {
    matrix: [
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ],
    ops: ['input', C3, 'output'],
  },
  A: {
    matrix: [
      [0, 1, 1, 1, 0, 1, 0],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C1, C3, C3, C3, MP, 'output'],
  },
  B: {
    matrix: [
      [0, 1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0],
      [0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, C3, C3, C3, 'output'],
  },
};

/** Per-repeat (val, test, time) of each fixture cell at 108 epochs. */
export const NB101_FIXTURE_REPEATS: Record<FixtureName, Array<[number, number, number]>> = {
  B06: [
    [0.9431089758872986, 0.9406049847602844, 1800],
    [0.94, 0.939, 1810],
    [0.945, 0.941, 1820],
  ],
  TIE: [
    [0.9, 0.89, 100],
    [0.9, 0.89, 200],
    [0.93, 0.92, 300],
  ],
  A: [
    [0.931, 0.94, 1000],
    [0.941, 0.95, 1000],
    [0.921, 0.93, 1000],
  ],
  B: [
    [0.936, 0.944, 900],
    [0.936, 0.944, 900],
    [0.936, 0.944, 900],
  ],
};

/** Parameter counts written for the fixture cells (synthetic). */
const PARAMS: Record<FixtureName, number> = { B06: 3000000, TIE: 1000000, A: 2000000, B: 1500000 };

/** The valid records in file order: repeat 0 of each cell, then 1, then 2, then a 4-epoch one. */
export function nb101FixtureRecords(): Nb101RecordToWrite[] {
  const names = Object.keys(NB101_FIXTURE_CELLS) as FixtureName[];
  const out: Nb101RecordToWrite[] = [];
  for (let rep = 0; rep < 3; rep++) {
    for (const name of names) {
      const [val, test, time] = NB101_FIXTURE_REPEATS[name][rep]!;
      out.push(record(NB101_FIXTURE_CELLS[name], 108, PARAMS[name], val, test, time));
    }
  }
  out.push(record(NB101_FIXTURE_CELLS.TIE, 4, PARAMS.TIE, 0.5, 0.49, 4));
  return out;
}

function record(
  cell: Nb101Arch,
  epochs: number,
  params: number,
  val: number,
  test: number,
  time: number,
): Nb101RecordToWrite {
  const point = (epoch: number, frac: number) => ({
    currentEpoch: epoch,
    trainingTime: time * frac,
    trainAccuracy: frac === 0 ? 0.1 : frac === 0.5 ? 0.8 : 1,
    validationAccuracy: frac === 0 ? 0.1 : frac === 0.5 ? val - 0.1 : val,
    testAccuracy: frac === 0 ? 0.1 : frac === 0.5 ? test - 0.1 : test,
    checkpointPath: '',
  });
  return {
    hash: graphHash(cell),
    epochs,
    cell,
    metrics: {
      evaluationData: [point(0, 0), point(epochs / 2, 0.5), point(epochs, 1)],
      trainableParameters: params,
      totalTime: time + 60,
    },
  };
}

/**
 * Every fixture file by name: `valid.tfrecord` (13 records) and the corrupt variants
 * `bad-length-crc`, `bad-data-crc`, `truncated`, `bad-json`, `wrong-fields`, `bad-proto`,
 * each broken at record 1 (the second record, byte offset = size of record 0).
 */
export function nb101Fixtures(): Map<string, Buffer> {
  const records = nb101FixtureRecords();
  const valid = encodeNb101TfRecordFile(records);
  const first = encodeTfRecord(Buffer.from(encodeNb101RecordJson(records[0]!), 'utf8'));
  const second = encodeTfRecord(Buffer.from(encodeNb101RecordJson(records[1]!), 'utf8'));
  const files = new Map<string, Buffer>();
  files.set('valid.tfrecord', valid);

  // framing damage in record 1
  const badLen = Buffer.from(Buffer.concat([first, second]));
  badLen[first.length + 8] ^= 0xff;
  files.set('bad-length-crc.tfrecord', badLen);
  const badData = Buffer.from(Buffer.concat([first, second]));
  badData[first.length + 12 + 5] ^= 0x01;
  files.set('bad-data-crc.tfrecord', badData);
  files.set('truncated.tfrecord', Buffer.concat([first, second.subarray(0, 40)]));

  // payload damage in record 1 (framing intact)
  const withSecond = (payload: string): Buffer =>
    Buffer.concat([first, encodeTfRecord(Buffer.from(payload, 'utf8'))]);
  files.set('bad-json.tfrecord', withSecond('["0123", 108, "01'));
  const fourFields = `["${records[1]!.hash}", 108, "0100", "input,output"]`;
  files.set('wrong-fields.tfrecord', withSecond(fourFields));

  const good = JSON.parse(encodeNb101RecordJson(records[1]!)) as unknown[];
  const proto = Buffer.from(good[4] as string, 'base64');
  good[4] = proto.subarray(0, proto.length - 3).toString('base64');
  files.set('bad-proto.tfrecord', withSecond(JSON.stringify(good)));
  return files;
}
