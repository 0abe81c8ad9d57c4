import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { ConfigError, DataFileError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { resolveDataDir } from '../../src/bench/data-path.js';
import { loadNb101, NB101_CELL_COUNT, parseNb101Csv } from '../../src/bench/loaders/nasbench101.js';
import { loadNb101FullRecords } from '../../src/bench/loaders/nasbench101-full-records.js';
import { loadNb101ValSubset } from '../../src/bench/loaders/nasbench101-val-subset.js';
import { createNb101Oracle, NB101_TRAIN_TIME_FIT } from '../../src/bench/nasbench101-oracle.js';
import { graphHash, nb101Space, type Nb101Arch } from '../../src/space/nasbench101/space.js';
import { expectClose, expectThrows } from '../helpers.js';

// one load shared by every test of this file (~0.7 s)
const dataDir = resolveDataDir();
const table = loadNb101(dataDir);
const C1 = 'conv1x1-bn-relu';
const C3 = 'conv3x3-bn-relu';
const MP = 'maxpool3x3';
const B06: Nb101Arch = {
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
};

test('nb101.csv.gz holds all 423,624 cells; row 0 is the README example', () => {
  assert.is(table.size, NB101_CELL_COUNT);
  assert.is(table.hashAt(0), '00005c142e6f48ac74fdcf73e3439874');
  // adjacency 0100110001000000010010000010000001000000010000000, ops 3m331
  assert.equal(table.cellAt(0), {
    matrix: [
      [0, 1, 0, 0, 1, 1, 0],
      [0, 0, 1, 0, 0, 0, 0],
      [0, 0, 0, 1, 0, 0, 1],
      [0, 0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, MP, C3, C3, C1, 'output'],
  });
  assert.is(table.params[0], 8555530);
  assert.is(table.testAccMean[0], 0.9206063151359558);
  assert.is(table.indexOf('00005c142e6f48ac74fdcf73e3439874'), 0);
  assert.is(table.indexOf('ffffffffffffffffffffffffffffffff'), -1);
  assert.is(table.indexOf('not a hash'), -1);
});

test('the graph hash reproduces the hash column on 5,000 rows (first, last and a seeded sample)', () => {
  const rng = new Rng(101);
  const rows = [0, 1, table.size - 1, ...Array.from({ length: 4997 }, () => rng.int(table.size))];
  const nodeMd5 = (s: string): string => createHash('md5').update(s).digest('hex');
  let mismatches = 0;
  rows.forEach((i, k) => {
    const cell = table.cellAt(i);
    // every 10th row also through node:crypto's MD5
    const h = k % 10 === 0 ? graphHash(cell, nodeMd5) : graphHash(cell);
    if (h !== table.hashAt(i)) mismatches++;
    if (table.indexOf(h) !== i) mismatches++;
  });
  assert.is(mismatches, 0);
});

test('every stored cell is valid and already pruned (seeded sample of 2,000)', () => {
  const rng = new Rng(7);
  for (let k = 0; k < 2000; k++) {
    const i = rng.int(table.size);
    const cell = table.cellAt(i);
    assert.ok(nb101Space.isValid(cell));
    assert.is(nb101Space.serialize(cell), JSON.stringify(cell));
  }
});

test('B07: the optimum is the best mean test accuracy 94.3176 % (error 5.6824 %) at index 4789', () => {
  let best = 0;
  let at = -1;
  for (let i = 0; i < table.size; i++) {
    if (table.testAccMean[i]! > best) [best, at] = [table.testAccMean[i]!, i];
  }
  assert.is(at, 4789);
  assert.is(table.hashAt(at), '02e5a0247bbdcf2860b7e96f74961594');
  const oracle = createNb101Oracle(table, 'cifar10');
  // 100·(1 − 0.943175752957662) = 5.6824247… → 5.6824 after the reference rounding
  assert.is(oracle.optimum.testError, 5.6824);
  assert.is(oracle.optimum.valError, 5.6824);
  assert.is(oracle.optimum.testErrorOfBestVal, 5.6824);
  expectClose(
    createNb101Oracle(table, 'cifar10', { decimals: null }).optimum.testError,
    5.6824247042338,
    1e-9,
    'exact',
  );
});

test('the oracle answers the B06 cell (the global optimum) by graph hash; val = test = mean test error', () => {
  const oracle = createNb101Oracle(table);
  const r = oracle.query(B06);
  assert.is(r.valError, 5.6824);
  assert.is(r.testError, 5.6824);
  // train time estimate = intercept + perParam · params
  expectClose(
    r.trainTime,
    NB101_TRAIN_TIME_FIT.intercept + NB101_TRAIN_TIME_FIT.perParam * table.params[4789]!,
    1e-9,
    'trainTime',
  );
  assert.is(oracle.queryCount, 1);
  assert.match(
    oracle.description,
    /validation error = test error = mean test error over the 3 training repeats/,
  );
  // any valid cell is in the table; isomorphs answer alike
  const rng = new Rng(9);
  for (let k = 0; k < 200; k++) {
    const cell = nb101Space.sample(rng);
    const i = table.indexOf(graphHash(cell));
    assert.ok(i >= 0);
    assert.equal(oracle.peek(cell), oracle.peek(table.cellAt(i)));
  }
  expectThrows(() => createNb101Oracle(table, 'imagenet16'), ConfigError, /unknown dataset/);
  expectThrows(
    () => createNb101Oracle(table, 'cifar10', { mode: 'stochastic' }),
    ConfigError,
    /stochastic mode needs per-repeat data/,
  );
});

test('the train-time fit constants are the least-squares line of the 20k subset', () => {
  const sub = loadNb101ValSubset(dataDir);
  // ordinary least squares of training_time_108_s on params over all 20,001 rows
  const n = sub.size;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += sub.params[i]! / n;
    my += sub.trainingTime108[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (sub.params[i]! - mx) * (sub.trainingTime108[i]! - my);
    sxx += (sub.params[i]! - mx) ** 2;
  }
  expectClose(NB101_TRAIN_TIME_FIT.perParam, sxy / sxx, 1e-12, 'slope');
  expectClose(NB101_TRAIN_TIME_FIT.intercept, my - (sxy / sxx) * mx, 1e-6, 'intercept');
});

test('the 20k validation subset aligns with the full table (hash and params by index)', () => {
  const sub = loadNb101ValSubset(dataDir);
  assert.is(sub.size, 20001);
  for (let i = 0; i < sub.size; i++) {
    if (sub.hashes[i] !== table.hashAt(i) || sub.params[i] !== table.params[i]) {
      assert.unreachable(`row ${i} differs`);
    }
  }
  // README: index 0 val@108 = 0.93049, training time 1768.98 s
  expectClose(sub.valAcc108[0]!, 0.93049, 1e-5, 'val@108');
  expectClose(sub.trainingTime108[0]!, 1768.98, 0.01, 'time');
  assert.is(sub.indexOf('00005c142e6f48ac74fdcf73e3439874'), 0);
});

test('the 30 full records match the table: hash, cell, params and mean test accuracy', () => {
  const records = loadNb101FullRecords(dataDir);
  assert.is(records.length, 30);
  for (const r of records) {
    assert.is(graphHash(r.cell), r.hash);
    assert.is(table.hashAt(r.index), r.hash);
    assert.equal(table.cellAt(r.index), r.cell);
    assert.is(table.params[r.index], r.trainableParameters);
    const mean = r.epochs['108']!.reduce((s, x) => s + x.final_test_accuracy, 0) / 3;
    expectClose(table.testAccMean[r.index]!, mean, 1e-12, `${r.hash} mean test`);
  }
});

test('CSV errors name the file, the line and what was expected', () => {
  const head = 'index,hash,num_vertices,adjacency,ops,params,test_acc_mean\n';
  const row0 = '0,00005c142e6f48ac74fdcf73e3439874,3,010001000,3,100,0.9\n';
  const parse = (body: string, rows?: number) => parseNb101Csv(Buffer.from(body), 'x.csv', rows);
  assert.is(parse(head + row0).size, 1);
  assert.is(parse(head + row0.replace('\n', '\r\n')).size, 1);
  expectThrows(
    () => parse('index,hash\n'),
    DataFileError,
    /x\.csv:1: header is 'index,hash', expected/,
  );
  expectThrows(
    () => parse(head + row0.replace('0,', '5,')),
    DataFileError,
    /x\.csv:2: index is '5', expected 0/,
  );
  expectThrows(
    () => parse(head + row0 + row0.replace('0,', '1,')),
    DataFileError,
    /x\.csv:3: hash .* not greater than the previous/,
  );
  expectThrows(
    () => parse(head + row0.replace('00005c14', 'zz005c14')),
    DataFileError,
    /not 32 lowercase hex/,
  );
  expectThrows(
    () => parse(head + row0.replace(',3,0100', ',8,0100')),
    DataFileError,
    /num_vertices is '8', expected 2\.\.7/,
  );
  expectThrows(
    () => parse(head + row0.replace('010001000', '01000100')),
    DataFileError,
    /adjacency has 8 chars, expected 9/,
  );
  expectThrows(
    () => parse(head + row0.replace('010001000', '010001010')),
    DataFileError,
    /edge 2→1 on or below the diagonal/,
  );
  expectThrows(
    () => parse(head + row0.replace(',3,100', ',x,100')),
    DataFileError,
    /ops char 0 is 'x', expected 3, 1 or m/,
  );
  expectThrows(
    () => parse(head + row0.replace('0.9\n', '1.5\n')),
    DataFileError,
    /test_acc_mean is '1\.5', expected a number in \[0, 1\]/,
  );
  expectThrows(
    () => parse(head + row0.replace(',100,', ',1e5,')),
    DataFileError,
    /params is '1e5'/,
  );
  expectThrows(
    () => parse(head + row0.replace('0.9\n', '0.9,1\n')),
    DataFileError,
    /more than 7 fields/,
  );
  expectThrows(() => parse(head + row0, 2), DataFileError, /1 rows, expected 2 \(truncated/);
  expectThrows(() => loadNb101('/nonexistent-dir'), DataFileError, /file not found/);
});

test.run();
