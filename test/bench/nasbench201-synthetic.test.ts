import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../src/core/errors.js';
import { loadNb201, NB201_NUMERIC_COLUMNS } from '../../src/bench/loaders/nasbench201.js';
import { createNb201Oracle } from '../../src/bench/nasbench201-oracle.js';
import { nb201ArchString, nb201FromNaszillaNumber } from '../../src/space/nasbench201/space.js';
import { expectThrows } from '../helpers.js';

/*
 * Loader error paths and oracle accounting on synthetic tables written to a temp dir.
 * The synthetic table: row i holds the cell whose naszilla number is i (any arch order is a
 * valid table order), every accuracy column = 50 + i / 1000, every time column = 100·(i + 1)
 * seconds, n_seeds = 3. So row 0 (A) trains in 100 s and row 1 (B) in 200 s.
 */
const HEADER = ['index', 'arch_str', ...NB201_NUMERIC_COLUMNS];
const ROWS = 15625;

function row(i: number): string {
  const arch = nb201ArchString(nb201FromNaszillaNumber(i));
  const nums = NB201_NUMERIC_COLUMNS.map((c) =>
    c.endsWith('_time_s') ? String(100 * (i + 1)) : c === 'n_seeds' ? '3' : String(50 + i / 1000),
  );
  return [String(i), arch, ...nums].join(',');
}

const GOOD_LINES = [HEADER.join(','), ...Array.from({ length: ROWS }, (_, i) => row(i))];
const dir = mkdtempSync(join(tmpdir(), 'nb201-test-'));
let fileNo = 0;

/** Writes `lines` (joined by \n, with a final \n) as nb201.csv in a fresh sub-folder. */
function writeTable(lines: string[], finalNewline = true): string {
  const sub = join(dir, `t${fileNo++}`);
  mkdirSync(sub);
  writeFileSync(join(sub, 'nb201.csv'), lines.join('\n') + (finalNewline ? '\n' : ''));
  return sub;
}

function withLine(k: number, text: string): string[] {
  const lines = GOOD_LINES.slice();
  lines[k] = text;
  return lines;
}

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a well-formed synthetic table loads, from the folder itself or from a root holding nasbench201/', () => {
  const sub = writeTable(GOOD_LINES);
  const t = loadNb201(sub);
  assert.is(t.size, 15625);
  assert.is(t.archString(7), nb201ArchString(nb201FromNaszillaNumber(7)));
  assert.is(t.column('cifar10_valid_train_time_s')[1], 200);

  const root = join(dir, `root${fileNo++}`);
  mkdirSync(join(root, 'nasbench201'), { recursive: true });
  writeFileSync(join(root, 'nasbench201', 'nb201.csv'), GOOD_LINES.join('\n'));
  assert.is(loadNb201(root).size, 15625);
});

test('a missing file is a DataFileError naming the path', () => {
  expectThrows(
    () => loadNb201(join(dir, 'nowhere')),
    DataFileError,
    /nowhere.*nb201\.csv: file not found/,
  );
});

test('an empty file is a DataFileError at line 1', () => {
  expectThrows(() => loadNb201(writeTable([], false)), DataFileError, /nb201\.csv:1: empty file/);
});

test('a header without a required column names the column', () => {
  const header = HEADER.filter((c) => c !== 'cifar100_test_acc').join(',');
  expectThrows(
    () => loadNb201(writeTable(withLine(0, header))),
    DataFileError,
    /nb201\.csv:1: header lacks column\(s\) cifar100_test_acc/,
  );
});

test('a repeated header column is an error', () => {
  expectThrows(
    () => loadNb201(writeTable(withLine(0, HEADER.join(',') + ',n_seeds'))),
    DataFileError,
    /:1: header repeats column 'n_seeds'/,
  );
});

test('a row with the wrong number of fields names its line', () => {
  // data row 10 sits on file line 12 (line 1 is the header)
  const cut = GOOD_LINES[11]!.split(',').slice(0, 5).join(',');
  expectThrows(
    () => loadNb201(writeTable(withLine(11, cut))),
    DataFileError,
    /nb201\.csv:12: expected 23 comma-separated fields, found 5 \(truncated line\?\)/,
  );
});

test('a non-numeric value names the line, the column and the text', () => {
  const f = GOOD_LINES[3]!.split(',');
  f[2] = 'abc';
  expectThrows(
    () => loadNb201(writeTable(withLine(3, f.join(',')))),
    DataFileError,
    /:4: column cifar10_valid_acc: expected a finite decimal number, found 'abc'/,
  );
  f[2] = '';
  expectThrows(
    () => loadNb201(writeTable(withLine(3, f.join(',')))),
    DataFileError,
    /:4: column cifar10_valid_acc: expected a finite decimal number, found ''/,
  );
});

test('an index out of order is an error naming the expected index', () => {
  const f = GOOD_LINES[6]!.split(',');
  f[0] = '17';
  expectThrows(
    () => loadNb201(writeTable(withLine(6, f.join(',')))),
    DataFileError,
    /:7: index out of order: expected 5, found '17'/,
  );
});

test('a duplicate arch string names the earlier line', () => {
  const f = GOOD_LINES[9]!.split(',');
  f[1] = GOOD_LINES[2]!.split(',')[1]!;
  expectThrows(
    () => loadNb201(writeTable(withLine(9, f.join(',')))),
    DataFileError,
    /:10: duplicate arch_str '.*' \(first on line 3\)/,
  );
});

test('a malformed or non-canonical arch string is an error on its line', () => {
  const f = GOOD_LINES[2]!.split(',');
  f[1] = '|none~0|+|none~0|+|none~0|none~1|none~2|';
  expectThrows(
    () => loadNb201(writeTable(withLine(2, f.join(',')))),
    DataFileError,
    /:3: bad arch_str: nb201\.parse: node 2 needs 2/,
  );
  f[1] = '|none~0|+|none~1|none~0|+|none~0|none~1|none~2|';
  expectThrows(
    () => loadNb201(writeTable(withLine(2, f.join(',')))),
    DataFileError,
    /:3: arch_str '.*' is not canonical/,
  );
});

test('a truncated file (missing rows) is a wrong-row-count error', () => {
  expectThrows(
    () => loadNb201(writeTable(GOOD_LINES.slice(0, 1001))),
    DataFileError,
    /expected exactly 15625 data rows, found 1000 \(truncated file\?\)/,
  );
  expectThrows(
    () => loadNb201(writeTable([...GOOD_LINES, row(3)])),
    DataFileError,
    /:15627: expected exactly 15625 data rows, found 15626/,
  );
});

test('B28: cells with 100 s and 200 s queried as A, B, A cost 400 s and count 3 queries', () => {
  const t = loadNb201(writeTable(GOOD_LINES));
  const oracle = createNb201Oracle(t, 'cifar10');
  const A = nb201FromNaszillaNumber(0);
  const B = nb201FromNaszillaNumber(1);
  for (const a of [A, B, A]) oracle.query(a);
  assert.is(oracle.queryCount, 3);
  assert.is(oracle.simulatedSeconds, 400);

  // peek counts nothing; fresh() starts from zero and leaves the original alone
  oracle.peek(B);
  assert.is(oracle.queryCount, 3);
  const f = oracle.fresh();
  assert.is(f.queryCount, 0);
  assert.is(f.simulatedSeconds, 0);
  f.query(B);
  assert.is(f.simulatedSeconds, 200);
  assert.is(oracle.simulatedSeconds, 400);
});

test('fidelity 12 scales the 200-epoch training time by 12/200', () => {
  const t = loadNb201(writeTable(GOOD_LINES));
  const oracle = createNb201Oracle(t, 'imagenet16', { fidelity: 12 });
  // row 1: 200 s · 0.06 = 12 s
  assert.is(oracle.query(nb201FromNaszillaNumber(1)).trainTime, 200 * (12 / 200));
});

test.run();
