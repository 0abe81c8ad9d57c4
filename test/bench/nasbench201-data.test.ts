import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../src/core/errors.js';
import { resolveDataDir } from '../../src/bench/data-path.js';
import { loadNb201 } from '../../src/bench/loaders/nasbench201.js';
import { createNb201Oracle, NB201_DATASETS } from '../../src/bench/nasbench201-oracle.js';
import {
  nb201ArchString,
  nb201FromNaslib,
  nb201FromNaszillaNumber,
  nb201HasLiveRoute,
  nb201NaszillaNumber,
  nb201Space,
  type Nb201Arch,
} from '../../src/space/nasbench201/space.js';
import { expectClose, expectThrows } from '../helpers.js';

/*
 * Checks against the real table (../shared/data/nasbench201/nb201.csv). Expected values come
 * from the data README's sanity figures and from PITFALLS B13-B18, which were computed from the
 * same upstream NATS-Bench / NB201 v1.1 numbers.
 */
const table = loadNb201(resolveDataDir());
const parse = nb201Space.parse;
const ARCH_0 =
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|';
const ARCH_284 = '|skip_connect~0|+|skip_connect~0|skip_connect~1|+|none~0|nor_conv_1x1~1|none~2|';
const ARCH_6111 =
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|';
const A284 = parse(ARCH_284);

test('the table has 15,625 rows and every cell of the space exactly once', () => {
  assert.is(table.size, 15625);
  const seen = new Set<number>();
  for (let n = 0; n < 15625; n++) seen.add(table.indexOf(nb201FromNaszillaNumber(n)));
  assert.is(seen.size, 15625);
});

test('B14: official indices 0, 284, 2631 (NASLib tuple) and 15095 (the string-order guess)', () => {
  assert.is(table.archString(0), ARCH_0);
  assert.is(table.indexOf(ARCH_0), 0);
  assert.is(table.indexOf(ARCH_284), 284);
  assert.is(table.indexOf(nb201FromNaslib([4, 0, 3, 1, 4, 3])), 2631);
  assert.is(table.indexOf(nb201FromNaslib([4, 0, 1, 3, 4, 3])), 15095);
  // the naszilla number is not the official index: 284's number is 10499
  assert.is(nb201NaszillaNumber(table.archAt(284)), 10499);
  assert.is(nb201ArchString(table.archAt(6111)), ARCH_6111);
});

test('B14: the naszilla number differs from the official index for 15,624 of 15,625 cells', () => {
  let same = 0;
  for (let i = 0; i < table.size; i++) if (nb201NaszillaNumber(table.archAt(i)) === i) same++;
  assert.is(same, 1);
});

test('B15: indexOf canonicalises strings (all-none = 1651), and rejects malformed ones loudly', () => {
  assert.is(table.indexOf(' |none~0|+|none~0|none~1|+|none~0|none~1|none~2|'), 1651);
  assert.is(table.indexOf('|none~0|+|none~1|none~0|+|none~0|none~1|none~2|\n'), 1651);
  expectThrows(
    () => table.indexOf('none~0|+|none~0|none~1|+|none~0|none~1|none~2'),
    SyntaxError,
    /must start and end with '\|'/,
  );
  expectThrows(
    () => table.indexOf('|none~3|+|none~0|none~1|+|none~0|none~1|none~2|'),
    SyntaxError,
    /source node 3 out of range/,
  );
  expectThrows(() => table.archAt(15625), RangeError, /0\.\.15624, got 15625/);
});

test('data README best values: cifar10 test 94.3733 @ 6111, valid 91.607 @ 6111, cifar100 test 73.5133, imagenet16 test 47.3111', () => {
  const c10 = createNb201Oracle(table, 'cifar10');
  expectClose(c10.optimum.testError, 100 - 94.3733, 1e-4, 'cifar10 best test error');
  expectClose(c10.optimum.valError, 100 - 91.60667, 1e-4, 'cifar10 best val error');
  expectClose(c10.optimum.testErrorOfBestVal, 100 - 94.3733, 1e-4, 'test error of best-val (6111)');
  const r = c10.peek(table.archAt(6111));
  assert.is(r.valError, c10.optimum.valError);
  assert.is(r.testError, c10.optimum.testError);
  const c100 = createNb201Oracle(table, 'cifar100').optimum;
  expectClose(c100.testError, 100 - 73.5133, 1e-4, 'cifar100');
  expectClose(c100.valError, 100 - 73.4933, 1e-4, 'cifar100 val');
  const im16 = createNb201Oracle(table, 'imagenet16').optimum;
  expectClose(im16.testError, 100 - 47.3111, 1e-4, 'imagenet16');
  expectClose(im16.valError, 100 - 46.7333, 1e-4, 'imagenet16 val');
});

test('B16: index 284 cifar10 validation is 86.0467 at 200 epochs (default) and 72.876 at 12', () => {
  const full = createNb201Oracle(table, 'cifar10').query(A284);
  const short = createNb201Oracle(table, 'cifar10', { fidelity: 12 }).query(A284);
  expectClose(full.valError, 100 - 86.0467, 1e-3, 'hp=200');
  expectClose(short.valError, 100 - 72.876, 1e-3, 'hp=12');
});

test('B17: cifar10 search sees cifar10-valid x-valid 86.0467, the report reads cifar10 ori-test 88.79', () => {
  const r = createNb201Oracle(table, 'cifar10').query(A284);
  expectClose(r.valError, 100 - 86.0467, 1e-3, 'validation');
  expectClose(r.testError, 100 - 88.79, 1e-3, 'test');
  // 85.6367 (cifar10-valid ori-test) is neither value
  assert.ok(Math.abs(r.testError - (100 - 85.6367)) > 1);
  assert.ok(Math.abs(r.valError - (100 - 85.6367)) > 0.3);
});

test('B18: imagenet16 index 284 validation 33.400 (x-valid), test 32.467 (x-test), ori-test only on request', () => {
  const r = createNb201Oracle(table, 'imagenet16').query(A284);
  expectClose(r.valError, 100 - 33.4, 1e-3, 'x-valid');
  expectClose(r.testError, 100 - 32.4667, 1e-3, 'x-test');
  // ori-test = mean of the two halves: (33.4 + 32.4667) / 2 = 32.9333
  const o = createNb201Oracle(table, 'imagenet16', { testSplit: 'ori-test' }).query(A284);
  expectClose(o.testError, 100 - 32.9333, 1e-3, 'ori-test');
  assert.is(o.valError, r.valError);
});

test('REFERENCE 1.2: with testSplit ori-test the cifar100 optimum is 73.503 (9930)', () => {
  const o = createNb201Oracle(table, 'cifar100', { testSplit: 'ori-test' });
  expectClose(o.optimum.testError, 100 - 73.503, 1e-3, 'cifar100 ori-test best');
  expectClose(o.peek(table.archAt(9930)).testError, o.optimum.testError, 1e-9, 'at 9930');
});

test('fidelity 12 reads the 12-epoch columns; ori-test at 12 epochs is the mean of the halves', () => {
  // row 284: cifar100 12ep x-valid 40.48, x-test 39.44 → ori-test (40.48 + 39.44) / 2 = 39.96
  const opts = { fidelity: 12, testSplit: 'ori-test' } as const;
  const o = createNb201Oracle(table, 'cifar100', opts).peek(A284);
  expectClose(o.valError, 100 - 40.48, 1e-6, '12ep x-valid');
  expectClose(o.testError, 100 - 39.96, 1e-6, '12ep ori-test');
  expectClose(o.trainTime, 1950.3177483876602 * 0.06, 1e-9, '12ep time');
  const best12 = createNb201Oracle(table, 'cifar10', { fidelity: 12 }).optimum.testError;
  expectClose(best12, 100 - 89.16, 1e-6, '12ep best');
});

test('trainTime is the dataset’s training-time column (cifar10 uses cifar10-valid)', () => {
  // row 284 of nb201.csv: 975.1588741938301 / 1950.3177483876602 / 5917.264048608147 s
  assert.is(createNb201Oracle(table, 'cifar10').peek(A284).trainTime, 975.1588741938301);
  assert.is(createNb201Oracle(table, 'cifar100').peek(A284).trainTime, 1950.3177483876602);
  assert.is(createNb201Oracle(table, 'imagenet16').peek(A284).trainTime, 5917.264048608147);
});

test('B19: the oracle returns the mean over the seeds present, not one seed', () => {
  // nb201_seeds.json holds the per-seed cifar10-valid x-valid values; index 284:
  // 86.052, 86.020, 86.068 → mean 86.0467. Checked for every row with n_seeds values each.
  const seeds = JSON.parse(
    readFileSync(join(resolveDataDir(), 'nasbench201', 'nb201_seeds.json'), 'utf8'),
  ) as { cifar10_valid_acc: number[][] };
  const o = createNb201Oracle(table, 'cifar10');
  const nSeeds = table.column('n_seeds');
  for (let i = 0; i < table.size; i++) {
    const per = seeds.cifar10_valid_acc[i]!;
    assert.is(per.length, nSeeds[i]);
    const mean = per.reduce((s, v) => s + v, 0) / per.length;
    expectClose(100 - o.peek(table.archAt(i)).valError, mean, 1e-9, `valid acc of ${i}`);
  }
  expectClose(100 - o.peek(A284).valError, 86.0467, 1e-4, 'index 284');
});

test('B13: the 341 cells with no all-non-none route score chance level on every test set', () => {
  // chance = 100 / classes: 10 %, 1 %, 100/120 ≈ 0.8333 %. The cifar10-valid x-valid half is
  // not class-balanced: a constant predictor scores 9.712 % there (same value for all 341).
  const ora = NB201_DATASETS.map((d) => createNb201Oracle(table, d));
  const chance = [10, 1, 100 / 120];
  let dead = 0;
  for (let i = 0; i < table.size; i++) {
    const a = table.archAt(i);
    if (nb201HasLiveRoute(a)) continue;
    dead++;
    ora.forEach((o, k) => {
      expectClose(100 - o.peek(a).testError, chance[k]!, 1e-6, `test acc of ${i} on ${o.dataset}`);
    });
    expectClose(100 - ora[0]!.peek(a).valError, 9.712, 1e-6, `cifar10 valid acc of ${i}`);
    expectClose(100 - ora[1]!.peek(a).valError, 1, 1e-6, `cifar100 valid acc of ${i}`);
    expectClose(100 - ora[2]!.peek(a).valError, 100 / 120, 1e-6, `imagenet16 valid acc of ${i}`);
  }
  assert.is(dead, 341);
});

test('B28: repeats count: [A, B, A] costs 2·t(A) + t(B) and 3 queries; peek is free', () => {
  const o = createNb201Oracle(table, 'cifar10');
  const A: Nb201Arch = table.archAt(0);
  const B: Nb201Arch = table.archAt(1);
  const tA = o.peek(A).trainTime;
  const tB = o.peek(B).trainTime;
  for (const a of [A, B, A]) o.query(a);
  assert.is(o.queryCount, 3);
  expectClose(o.simulatedSeconds, 2 * tA + tB, 1e-9, 'simulated seconds');
  const f = o.fresh();
  assert.is(f.queryCount, 0);
  assert.equal(f.optimum, o.optimum);
});

test('an unknown dataset or option is a ConfigError listing the valid values', () => {
  expectThrows(
    () => createNb201Oracle(table, 'ImageNet16-120'),
    ConfigError,
    /unknown dataset "ImageNet16-120"; valid: cifar10, cifar100, imagenet16/,
  );
  expectThrows(
    () => createNb201Oracle(table, 'cifar10', { fidelity: 108 as never }),
    ConfigError,
    /fidelity must be 200 or 12, got 108/,
  );
  expectThrows(
    () => createNb201Oracle(table, 'cifar100', { testSplit: 'test' as never }),
    ConfigError,
    /testSplit must be 'x-test' or 'ori-test'/,
  );
});

test('a malformed architecture is rejected by query, not looked up', () => {
  const o = createNb201Oracle(table, 'cifar10');
  expectThrows(() => o.query(['none'] as Nb201Arch), RangeError, /expected 6 ops/);
  expectThrows(
    () => o.query(['none', 'none', 'none', 'none', 'none', 'conv'] as never),
    TypeError,
    /unknown op "conv" at edge 5/,
  );
  assert.is(o.queryCount, 0);
});

test('description says what validation and test are', () => {
  assert.match(
    createNb201Oracle(table, 'cifar10').description,
    /validation error = 100 - 'cifar10-valid' x-valid.*test error = 100 - 'cifar10' ori-test/,
  );
  assert.match(createNb201Oracle(table, 'cifar100').description, /x-valid.*x-test \(the test half/);
  assert.match(
    createNb201Oracle(table, 'imagenet16', { testSplit: 'ori-test' }).description,
    /ori-test \(the whole ImageNet16-120 test set, which includes the x-valid half/,
  );
});

test.run();
