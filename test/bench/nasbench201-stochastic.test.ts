import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from '../../src/bench/data-path.js';
import { loadNb201 } from '../../src/bench/loaders/nasbench201.js';
import { loadNb201Seeds } from '../../src/bench/loaders/nasbench201-seeds.js';
import { createNb201Oracle } from '../../src/bench/nasbench201-oracle.js';
import { ConfigError, DataFileError } from '../../src/core/errors.js';
import { expectClose, expectThrows } from '../helpers.js';

const dataDir = resolveDataDir();
const table = loadNb201(dataDir);
const seeds = loadNb201Seeds(dataDir);
const arch284 = table.archAt(284);

test('B19: the stochastic mode returns one present seed per query, reproducibly; deterministic returns the mean', () => {
  // index 284, cifar10-valid x-valid per seed (777, 888, 999): 86.052, 86.020, 86.068 (B16);
  // mean 86.0467 → validation error 13.9533
  const perSeed = [86.052, 86.02, 86.068].map((v) => 100 - v);
  const det = createNb201Oracle(table, 'cifar10');
  expectClose(det.query(arch284).valError, 100 - 86.0467, 1e-3, 'mean');

  const a = createNb201Oracle(table, 'cifar10', { mode: 'stochastic', seeds, seed: 3 });
  const drawsA = Array.from({ length: 60 }, () => a.query(arch284).valError);
  for (const d of drawsA)
    assert.ok(
      perSeed.some((p) => Math.abs(p - d) < 1e-3),
      `draw ${d} is one of the seeds`,
    );
  assert.is(new Set(drawsA.map((d) => d.toFixed(3))).size, 3, 'all three seeds are drawn');
  const b = createNb201Oracle(table, 'cifar10', { mode: 'stochastic', seeds, seed: 3 });
  assert.equal(
    Array.from({ length: 60 }, () => b.query(arch284).valError),
    drawsA,
    'same seed, same sequence',
  );
  assert.equal(
    Array.from({ length: 60 }, () => a.fresh().query(arch284).valError)[0],
    drawsA[0],
    'fresh() restarts',
  );

  // test error and peek stay the mean-over-seeds values
  expectClose(a.query(arch284).testError, det.query(arch284).testError, 0, 'test error unchanged');
  expectClose(a.peek(arch284).valError, 100 - 86.0467, 1e-3, 'peek is the mean');
});

test('the stochastic mode refuses datasets without per-seed validation accuracy', () => {
  expectThrows(
    () => createNb201Oracle(table, 'cifar100', { mode: 'stochastic', seeds }),
    ConfigError,
    /only for cifar10/,
  );
  expectThrows(
    () => createNb201Oracle(table, 'cifar10', { mode: 'stochastic' }),
    ConfigError,
    /loadNb201Seeds/,
  );
});

test('a broken nb201_seeds.json is named with what was expected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb201-seeds-'));
  try {
    mkdirSync(join(dir, 'nasbench201'));
    const file = join(dir, 'nasbench201', 'nb201_seeds.json');
    writeFileSync(file, '{"seeds_order": [777, 888], "cifar10_valid_acc": [[1, 2]]');
    expectThrows(() => loadNb201Seeds(dir), DataFileError, /nb201_seeds\.json: not valid JSON/);
    writeFileSync(file, '{"seeds_order": [777, 888], "cifar10_valid_acc": [[1, 2]]}');
    expectThrows(() => loadNb201Seeds(dir), DataFileError, /with 15625 rows, found 1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
