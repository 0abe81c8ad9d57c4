import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSummaryTable, formatSummaryText } from '../../src/report/markdown.js';
import { summarise } from '../../src/report/summary.js';
import { handTrials, trial } from './helpers.js';

/** Hand trials of 'A' plus one trial of 'B' that ends at 2 (q=2) and 4 (q=4), optimum 2. */
function twoAlgorithms() {
  const b = trial('B', 0, [
    [1, 2, 1],
    [2, 9, 1],
    [0.5, 4, 1],
    [3, 1, 1],
  ]);
  // B's trace: 2, 2, 4, 4 → q=2: 2.000 ± 0 (lowest, bold); q=4: 4.000 ± 0 vs A's 5.667 (bold)
  return summarise([...handTrials(), b], { checkpoints: [2, 4] });
}

test('markdown table: mean ± s.e., best per column in bold, right-aligned numbers', () => {
  // A: q=2 7.167 ± 0.441, q=4 5.667 ± 0.333 (derived in summary.test.ts)
  const md = formatSummaryTable(twoAlgorithms());
  assert.is(
    md,
    [
      '| algorithm | trials | q = 2 | q = 4 |',
      '| --- | ---: | ---: | ---: |',
      '| A | 3 | 7.167 ± 0.441 | 5.667 ± 0.333 |',
      '| B | 1 | **2.000** | **4.000** |',
      '',
    ].join('\n'),
  );
});

test('regret adds a column per checkpoint; only: regret shows regret alone', () => {
  const s = twoAlgorithms();
  const both = formatSummaryTable(s, { checkpoints: [4], regret: true });
  // regret = error − 2: A 3.667, B 2.000 (bold)
  assert.ok(both.includes('| algorithm | trials | q = 4 | regret q = 4 |'), both);
  assert.ok(both.includes('| A | 3 | 5.667 ± 0.333 | 3.667 ± 0.333 |'), both);
  assert.ok(both.includes('| B | 1 | **4.000** | **2.000** |'), both);
  const only = formatSummaryTable(s, { checkpoints: [4], only: 'regret', digits: 2 });
  assert.ok(only.includes('| A | 3 | 3.67 ± 0.33 |'), only);
  assert.not.ok(only.includes('5.67'), only);
});

test('ties at the shown precision are all bold; one algorithm gets no bold', () => {
  const a = trial('A', 0, [[1, 5.0001, 1]]);
  const b = trial('B', 0, [[1, 5.0002, 1]]);
  const md = formatSummaryTable(summarise([a, b]));
  assert.ok(md.includes('| A | 1 | **5.000** |'), md);
  assert.ok(md.includes('| B | 1 | **5.000** |'), md);
  assert.not.ok(formatSummaryTable(summarise([a])).includes('**'));
});

test('a checkpoint not every trial reached shows n; pipes in names are escaped', () => {
  const full = trial('x|y', 0, [
    [1, 3, 1],
    [1, 3, 1],
  ]);
  const short = trial('x|y', 1, [[1, 5, 1]], { budget: 2 });
  const md = formatSummaryTable(summarise([full, short]));
  assert.ok(md.includes('| x\\|y | 2 | 3.000 (n=1) |'), md);
});

test('plain text: aligned columns, best marked with *', () => {
  const txt = formatSummaryText(twoAlgorithms());
  const lines = txt.trimEnd().split('\n');
  assert.is(lines[0], 'algorithm  trials           q = 2           q = 4');
  assert.is(lines[2], 'A               3  7.167 ± 0.441   5.667 ± 0.333');
  assert.is(lines[3], 'B               1          2.000*          4.000*');
  assert.match(lines[4]!, /lowest mean/);
  assert.not.ok(txt.includes('**'));
});

test('rejects a checkpoint the summary does not hold, listing those it does', () => {
  const s = twoAlgorithms();
  assert.throws(() => formatSummaryTable(s, { checkpoints: [3] }), /checkpoint 3 .*it has 2, 4/);
  assert.throws(() => formatSummaryText(twoAlgorithms(), { checkpoints: [3] }), /checkpoint 3/);
});

test.run();
