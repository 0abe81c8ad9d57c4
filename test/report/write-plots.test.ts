import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResults } from '../../src/report/load.js';
import { summarise } from '../../src/report/summary.js';
import { REPORT_FILES, writeReport } from '../../src/report/write-plots.js';
import { FIXTURE_DIR } from './make-fixtures.js';
import { handTrials } from './helpers.js';
import { parseXml } from './xml-check.js';

test('writes the three plots and summary.md, leaving no temp files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bananas-report-'));
  try {
    const summary = summarise(loadResults(FIXTURE_DIR).trials);
    const { files } = writeReport(dir, summary, { checkpoints: [10, 30] });

    assert.equal(
      files,
      REPORT_FILES.map((f) => join(dir, f)),
    );
    assert.equal(readdirSync(dir).sort(), [...REPORT_FILES].sort());
    for (const f of files.filter((p) => p.endsWith('.svg'))) parseXml(readFileSync(f, 'utf8'));
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    assert.ok(md.includes('| algorithm | trials | q = 10 | q = 30 |'), md);
    assert.ok(md.includes('| algorithm | trials | regret q = 10 | regret q = 30 |'), md);
    assert.ok(md.includes('![test error vs queries](error-vs-queries.svg)'), md);
    // one row per algorithm, in the manifest's order (loadResults sorts by it)
    assert.equal(
      summary.algorithms.map((a) => a.algorithm),
      ['random', 'evolution', 'bananas'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run without simulated time gets a note instead of a time plot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bananas-report-'));
  try {
    const trials = handTrials().map((t) => ({
      ...t,
      queries: t.queries.map((q) => ({ ...q, trainTime: 0, simulatedSeconds: 0 })),
    }));
    writeReport(dir, summarise(trials));
    const svg = readFileSync(join(dir, 'error-vs-time.svg'), 'utf8');
    assert.ok(parseXml(svg).some((e) => e.text === 'no simulated time recorded'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a checkpoint the summary lacks fails before anything is written', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'bananas-report-')), 'out');
  try {
    const summary = summarise(handTrials());
    assert.throws(() => writeReport(dir, summary, { checkpoints: [3] }), /checkpoint 3/);
    assert.throws(() => readdirSync(dir), /ENOENT/);
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});

test.run();
