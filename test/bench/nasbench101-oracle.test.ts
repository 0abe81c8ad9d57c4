import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ConfigError, OutOfSpaceError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { packageRoot, resolveDataDir } from '../../src/bench/data-path.js';
import { NB101_FIXTURE_CELLS } from '../../src/bench/loaders/nasbench101-fixtures.js';
import {
  loadNb101FullRecords,
  nb101FullRecordsTable,
} from '../../src/bench/loaders/nasbench101-full-records.js';
import { Nb101Table } from '../../src/bench/loaders/nasbench101-table.js';
import { loadNb101TfRecord } from '../../src/bench/loaders/nasbench101-tfrecord.js';
import { createNb101Oracle } from '../../src/bench/nasbench101-oracle.js';
import { graphHash, nb101Space, type Nb101Arch } from '../../src/space/nasbench101/space.js';
import { expectClose, expectThrows } from '../helpers.js';

const fixtureFile = join(packageRoot(), 'fixtures', 'nasbench101', 'valid.tfrecord');
const fixtureTable = loadNb101TfRecord(fixtureFile);
const C3 = 'conv3x3-bn-relu';

test('B06: deterministic value = mean of all repeats (tie case 0.91), identical on every call', () => {
  const oracle = createNb101Oracle(fixtureTable, 'cifar10', { decimals: null });
  // val repeats [0.90, 0.90, 0.93] → mean 0.91 → error 100·(1 − 0.91) = 9
  const r1 = oracle.query(NB101_FIXTURE_CELLS.TIE);
  const r2 = oracle.query(NB101_FIXTURE_CELLS.TIE);
  expectClose(r1.valError, 9, 1e-9, 'tie valError');
  // test repeats [0.89, 0.89, 0.92] → 0.9 → 10
  expectClose(r1.testError, 10, 1e-9, 'tie testError');
  assert.equal(r1, r2);
  // mean training time of 100, 200, 300 s
  assert.is(r1.trainTime, 200);
});

test('B06: the reference distinct-value quirk averages 0.90 and 0.93 only (0.915) when asked', () => {
  const quirk = createNb101Oracle(fixtureTable, 'cifar10', { distinctOnly: true });
  // (0.90 + 0.93) / 2 = 0.915 → 8.5 %
  assert.is(quirk.query(NB101_FIXTURE_CELLS.TIE).valError, 8.5);
});

test('errors are rounded to 4 decimals by default, as the reference round(100·(1−acc), 4)', () => {
  const oracle = createNb101Oracle(fixtureTable);
  // B06 fixture val mean (0.9431089758872986 + 0.94 + 0.945) / 3 = 0.94270299196… → 5.7297
  assert.is(oracle.peek(NB101_FIXTURE_CELLS.B06).valError, 5.7297);
  expectThrows(
    () => createNb101Oracle(fixtureTable, 'cifar10', { decimals: 2.5 }),
    ConfigError,
    /decimals must be/,
  );
});

test('B07: the optimum uses the mean over repeats (cell B 0.944), not the best single repeat (A 0.950)', () => {
  const oracle = createNb101Oracle(fixtureTable);
  // fixture means: B06 0.9402, TIE 0.90, A 0.940, B 0.944
  // → best test error 100·(1 − 0.944) = 5.6

  assert.is(oracle.optimum.testError, 5.6);
  // best mean validation: B06 (0.94270…) → its test error 100·(1 − 0.94020…) = 5.9798
  assert.is(oracle.optimum.valError, 5.7297);
  assert.is(oracle.optimum.testErrorOfBestVal, 5.9798);
});

test('B28: every query adds its training time, repeats included (100, 200, 100 → 400 s); peek is free', () => {
  const a: Nb101Arch = {
    matrix: [
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ],
    ops: ['input', C3, 'output'],
  };
  const b: Nb101Arch = {
    matrix: [
      [0, 1],
      [0, 0],
    ],
    ops: ['input', 'output'],
  };
  const rep = (t: number) => [0, 1, 2].map(() => ({ valAcc: 0.9, testAcc: 0.9, trainTime: t }));
  const table = Nb101Table.fromCells(
    [
      { hash: graphHash(a), cell: a, params: 1, repeats: rep(100) },
      { hash: graphHash(b), cell: b, params: 1, repeats: rep(200) },
    ],
    'b28',
  );
  const oracle = createNb101Oracle(table);
  oracle.query(a);
  oracle.query(b);
  oracle.peek(b);
  oracle.query(a);
  assert.is(oracle.queryCount, 3);
  assert.is(oracle.simulatedSeconds, 400);
  const fresh = oracle.fresh();
  assert.is(fresh.queryCount, 0);
  assert.is(fresh.simulatedSeconds, 0);
});

test('B06: stochastic mode returns one repeat, reproducible by seed, on the 30 official full records', () => {
  const dataDir = resolveDataDir();
  const records = loadNb101FullRecords(dataDir);
  const table = nb101FullRecordsTable(records, 'nb101_full_records_30.json');
  const run = (seed: number) => {
    const oracle = createNb101Oracle(table, 'cifar10', {
      mode: 'stochastic',
      seed,
      decimals: null,
    });
    return records.slice(0, 10).flatMap((r) => [0, 1, 2].map(() => oracle.query(r.cell).valError));
  };
  assert.equal(run(7), run(7));
  assert.not.equal(run(7), run(8));
  // every stochastic value is one of the stored repeats
  const oracle = createNb101Oracle(table, 'cifar10', {
    mode: 'stochastic',
    seed: 1,
    decimals: null,
  });
  for (const r of records) {
    const allowed = r.epochs['108']!.map((s) => 100 * (1 - s.final_validation_accuracy));
    const got = oracle.query(r.cell);
    assert.ok(allowed.includes(got.valError), `${r.hash}: ${got.valError} not in ${allowed}`);
  }
  // fresh() restarts the same stream
  const a = createNb101Oracle(table, 'cifar10', { mode: 'stochastic', seed: 3 });
  const first = records.map((r) => a.query(r.cell).testError);
  const b = a.fresh();
  assert.equal(
    records.map((r) => b.query(r.cell).testError),
    first,
  );
  // deterministic mode = mean of the 3 repeats
  const det = createNb101Oracle(table, 'cifar10', { decimals: null });
  const r0 = records[0]!;
  const meanVal = r0.epochs['108']!.reduce((s, x) => s + x.final_validation_accuracy, 0) / 3;
  expectClose(det.query(r0.cell).valError, 100 * (1 - meanVal), 1e-9, 'mean of repeats');
});

test('lookups go through pruning and isomorphism; unknown cells and bad options are named', () => {
  const oracle = createNb101Oracle(fixtureTable);
  // B01-style: the 6-vertex chain B plus a dead maxpool vertex hanging off vertex 1
  const withDead: Nb101Arch = {
    matrix: [
      [0, 1, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 1, 0],
      [0, 0, 0, 1, 0, 0, 0],
      [0, 0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, C3, C3, C3, 'maxpool3x3', 'output'],
  };
  assert.equal(oracle.peek(withDead), oracle.peek(NB101_FIXTURE_CELLS.B));
  const absent = nb101Space.sample(new Rng(1));
  expectThrows(
    () => oracle.query(absent),
    OutOfSpaceError,
    /nb101 oracle\.query: cell with hash [0-9a-f]{32} is not in .*valid\.tfrecord/,
  );
  expectThrows(
    () =>
      oracle.peek({
        matrix: [
          [0, 1],
          [0, 0],
        ],
        ops: ['input', 'none'],
      }),
    OutOfSpaceError,
    /last op must be 'output'/,
  );
  expectThrows(
    () => oracle.query({ matrix: [[0, 1]], ops: ['input'] } as Nb101Arch),
    RangeError,
    /ops has 1 entries but the matrix is 1×1|at least 2/,
  );
  assert.is(oracle.queryCount, 0);
  expectThrows(
    () => createNb101Oracle(fixtureTable, 'cifar100'),
    ConfigError,
    /unknown dataset 'cifar100'; NAS-Bench-101 has only: cifar10/,
  );
  expectThrows(
    () => createNb101Oracle(fixtureTable, 'cifar10', { mode: 'random' as 'stochastic' }),
    ConfigError,
    /mode must be/,
  );
  assert.match(oracle.description, /per-repeat data/);
});

test.run();
