import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../src/core/errors.js';
import { packageRoot } from '../../src/bench/data-path.js';
import {
  nb101FixtureRecords,
  nb101Fixtures,
  NB101_FIXTURE_CELLS,
} from '../../src/bench/loaders/nasbench101-fixtures.js';
import {
  decodeModelMetrics,
  loadNb101TfRecord,
  readNb101TfRecord,
} from '../../src/bench/loaders/nasbench101-tfrecord.js';
import {
  encodeModelMetrics,
  encodeNb101TfRecordFile,
} from '../../src/bench/loaders/nasbench101-tfrecord-writer.js';
import { crc32c, maskedCrc32c, readTfRecords } from '../../src/bench/loaders/tfrecord.js';
import { encodeTfRecord } from '../../src/bench/loaders/tfrecord-writer.js';
import { graphHash } from '../../src/space/nasbench101/space.js';
import { expectThrows } from '../helpers.js';

const dir = join(packageRoot(), 'fixtures', 'nasbench101');
const fx = (name: string): string => join(dir, name);

test('CRC32C matches the Castagnoli check value; masking follows TFRecord', () => {
  // check value of CRC-32C over the ASCII digits 1..9 (RFC 3720 / iSCSI)
  assert.is(crc32c(Buffer.from('123456789')), 0xe3069283);
  // crc of nothing is 0 → masked = rotr(0, 15) + 0xa282ead8
  assert.is(maskedCrc32c(new Uint8Array(0)), 0xa282ead8);
  // rotr(0xe3069283, 15) = 0x2507c60d; + 0xa282ead8 = 0xc78ab0e5 (mod 2^32)
  assert.is(maskedCrc32c(Buffer.from('123456789')), 0xc78ab0e5);
});

test('the committed fixtures equal a fresh build by the project writer', () => {
  for (const [name, bytes] of nb101Fixtures()) {
    assert.ok(
      readFileSync(fx(name)).equals(bytes),
      `${name} differs; rerun node dist/bench/nb101-make-fixtures.js`,
    );
  }
});

test('TFRecord framing: 13 records with increasing offsets, whatever the chunk size', () => {
  // data is a view into a reused buffer: copy each record while iterating
  const whole: Array<{ offset: number; data: Buffer }> = [];
  for (const r of readTfRecords(fx('valid.tfrecord'))) {
    whole.push({ offset: r.offset, data: Buffer.from(r.data) });
  }
  assert.is(whole.length, 13);
  assert.is(whole[0]!.offset, 0);
  for (let i = 1; i < whole.length; i++) {
    assert.is(whole[i]!.offset, whole[i - 1]!.offset + 16 + whole[i - 1]!.data.length);
  }
  const tiny: Buffer[] = [];
  for (const r of readTfRecords(fx('valid.tfrecord'), { chunkSize: 7 })) {
    tiny.push(Buffer.from(r.data));
  }
  assert.equal(
    tiny.map((b) => b.toString('hex')),
    whole.map((r) => r.data.toString('hex')),
  );
  const framed = encodeTfRecord(Buffer.from('hello'));
  assert.is(framed.length, 12 + 5 + 4);
});

test('official records decode to hash, budget, cell and metrics without TensorFlow', () => {
  const written = nb101FixtureRecords();
  const read = [...readNb101TfRecord(fx('valid.tfrecord'), { verifyHash: true })];
  assert.is(read.length, written.length);
  read.forEach((e, i) => {
    assert.is(e.record, i);
    assert.is(e.hash, written[i]!.hash);
    assert.is(e.epochs, written[i]!.epochs);
    assert.equal(e.cell, written[i]!.cell);
    assert.equal(e.metrics, written[i]!.metrics);
  });
  // record 0 is repeat 0 of the B06 cell: final validation / test as quoted in nasbench#23
  assert.is(read[0]!.hash, '02e5a0247bbdcf2860b7e96f74961594');
  assert.is(read[0]!.metrics.evaluationData[2]!.validationAccuracy, 0.9431089758872986);
  assert.is(read[0]!.metrics.evaluationData[2]!.testAccuracy, 0.9406049847602844);
});

test('loadNb101TfRecord groups the 3 repeats per cell at one budget', () => {
  const t = loadNb101TfRecord(fx('valid.tfrecord'));
  assert.is(t.size, 4);
  const tie = t.indexOf(graphHash(NB101_FIXTURE_CELLS.TIE));
  assert.is(t.repeats!.count[tie], 3);
  assert.equal([...t.repeats!.valAcc.subarray(3 * tie, 3 * tie + 3)], [0.9, 0.9, 0.93]);
  assert.equal([...t.repeats!.trainTime.subarray(3 * tie, 3 * tie + 3)], [100, 200, 300]);
  assert.is(t.params[tie], 1000000);
  const four = loadNb101TfRecord(fx('valid.tfrecord'), 4);
  assert.is(four.size, 1);
  assert.equal(four.cellAt(0), NB101_FIXTURE_CELLS.TIE);
  expectThrows(
    () => loadNb101TfRecord(fx('valid.tfrecord'), 36),
    DataFileError,
    /valid\.tfrecord: no record at 36 epochs/,
  );
});

test('corrupt files fail naming the file, record 1, its byte offset and what was expected', () => {
  const cases: Array<[string, RegExp]> = [
    [
      'bad-length-crc.tfrecord',
      /bad-length-crc\.tfrecord: record 1 at byte 409: stored length CRC .* computed .*corrupt length field/,
    ],
    [
      'bad-data-crc.tfrecord',
      /bad-data-crc\.tfrecord: record 1 at byte 409: stored data CRC .*corrupt data/,
    ],
    [
      'truncated.tfrecord',
      /truncated\.tfrecord: record 1 at byte 409: file ends after 28 of 298 data\+CRC bytes \(truncated\)/,
    ],
    [
      'bad-json.tfrecord',
      /bad-json\.tfrecord: record 1 at byte 409: payload is not JSON .*expected \[hash, epochs, adjacency, operations, metrics\]/,
    ],
    [
      'wrong-fields.tfrecord',
      /wrong-fields\.tfrecord: record 1 at byte 409: payload is not a JSON list of 5 fields/,
    ],
    [
      'bad-proto.tfrecord',
      /bad-proto\.tfrecord: record 1 at byte 409: metrics: truncated protocol buffer/,
    ],
  ];
  for (const [name, pattern] of cases) {
    expectThrows(() => [...readNb101TfRecord(fx(name))], DataFileError, pattern);
  }
  // a header cut short is also named
  const tmp = mkdtempSync(join(tmpdir(), 'nb101-'));
  writeFileSync(
    join(tmp, 'short.tfrecord'),
    readFileSync(fx('valid.tfrecord')).subarray(0, 409 + 5),
  );
  expectThrows(
    () => [...readTfRecords(join(tmp, 'short.tfrecord'))],
    DataFileError,
    /record 1 at byte 409: file ends after 5 of the 12 header bytes/,
  );
  expectThrows(
    () => [...readTfRecords(join(tmp, 'missing.tfrecord'))],
    DataFileError,
    /missing\.tfrecord: cannot open/,
  );
});

test('payload checks: bad cell, bad base64, too few evaluations, hash mismatch', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nb101-'));
  const good = nb101FixtureRecords()[0]!;
  const write = (name: string, payloads: string[]): string => {
    const file = join(tmp, name);
    writeFileSync(file, Buffer.concat(payloads.map((p) => encodeTfRecord(Buffer.from(p)))));
    return file;
  };
  const metrics = Buffer.from(encodeModelMetrics(good.metrics)).toString('base64');
  const one = (name: string, adj: string, ops: string, m: string): string =>
    write(name, [JSON.stringify([good.hash, 108, adj, ops, m])]);
  const readAll = (file: string): unknown[] => [...readNb101TfRecord(file)];
  expectThrows(
    () => readAll(one('a', '011', 'input,output', metrics)),
    DataFileError,
    /record 0 at byte 0: adjacency has 3 chars, not a square number/,
  );
  expectThrows(
    () => readAll(one('b', '0100', 'input,none', metrics)),
    DataFileError,
    /last op must be 'output'/,
  );
  expectThrows(
    () => readAll(one('c', '0100', 'input,output', '@@@')),
    DataFileError,
    /metrics is not a base64 string/,
  );
  const twoEvals = { ...good.metrics, evaluationData: good.metrics.evaluationData.slice(0, 2) };
  const two = Buffer.from(encodeModelMetrics(twoEvals)).toString('base64');

  expectThrows(
    () => readAll(one('d', '0100', 'input,output', two)),
    DataFileError,
    /2 evaluation_data entries, expected at least 3/,
  );
  const wrongHash = write('e', [
    JSON.stringify(['0'.repeat(32), 108, '0100', 'input,output', metrics]),
  ]);
  assert.is([...readNb101TfRecord(wrongHash)].length, 1);
  expectThrows(
    () => [...readNb101TfRecord(wrongHash, { verifyHash: true })],
    DataFileError,
    /stored hash 0{32} differs from the cell's graph hash/,
  );
  // four repeats of one cell at one budget
  const four = join(tmp, 'four.tfrecord');
  writeFileSync(four, encodeNb101TfRecordFile([good, good, good, good]));
  expectThrows(
    () => loadNb101TfRecord(four),
    DataFileError,
    /record 3 at byte \d+: hash 02e5a024.* more than 3 records at 108 epochs/,
  );
});

test('the protobuf decoder skips unknown fields of every wire type', () => {
  const evaluation = {
    currentEpoch: 1,
    trainingTime: 2,
    trainAccuracy: 0.3,
    validationAccuracy: 0.4,
    testAccuracy: 0.5,
    checkpointPath: 'x/y',
  };
  const base = encodeModelMetrics({
    evaluationData: [evaluation],
    trainableParameters: 300,
    totalTime: 7.5,
  });
  // field 9 varint 150 (0x48 0x96 0x01), field 10 fixed32 (0x55 + 4 bytes), field 11 bytes "hi"
  const extra = Uint8Array.from([0x48, 0x96, 0x01, 0x55, 1, 2, 3, 4, 0x5a, 2, 0x68, 0x69]);
  const m = decodeModelMetrics(Uint8Array.from([...extra, ...base]));
  assert.is(m.trainableParameters, 300);
  assert.is(m.totalTime, 7.5);
  assert.equal(m.evaluationData[0], evaluation);
  expectThrows(() => decodeModelMetrics(Uint8Array.from([0x0b])), Error, /unsupported wire type 3/);
  expectThrows(
    () => decodeModelMetrics(Uint8Array.from([0x10, 0x80])),
    Error,
    /truncated protocol buffer: varint/,
  );
});

test.run();
