import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../src/core/errors.js';
import { loadResults } from '../../src/report/load.js';
import { expectThrows } from '../helpers.js';
import { FIXTURE_DIR, FIXTURE_OPTIONS } from './make-fixtures.js';
import { syntheticRun } from './synthetic.js';

/** A fresh copy of the committed fixture in a temp folder. */
function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bananas-report-'));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

function withCopy(fn: (dir: string) => void): void {
  const dir = copyFixture();
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the committed fixture loads completely and matches its generator', () => {
  // 3 algorithms × 4 trials = 12 records, no problems; regenerating gives the same records
  const r = loadResults(FIXTURE_DIR);
  assert.equal(r.problems, []);
  assert.is(r.trials.length, 12);
  assert.equal(r.manifest?.algorithms, ['random', 'evolution', 'bananas']);
  const again = syntheticRun(FIXTURE_OPTIONS);
  const byName = (t: { algorithm: string; trial: number }) => `${t.algorithm}-${t.trial}`;
  assert.equal(r.trials.map(byName).sort(), again.trials.map(byName).sort());
  const pick = (ts: typeof r.trials) => ts.find((t) => byName(t) === 'bananas-2');
  assert.equal(pick(r.trials), pick(again.trials));
});

test('a truncated trial file is reported by name and left out; the rest still loads', () => {
  withCopy((dir) => {
    const path = join(dir, 'trials', 'evolution-1.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const r = loadResults(dir);
    assert.is(r.trials.length, 11);
    assert.is(r.problems.length, 1);
    assert.ok(r.problems[0]!.startsWith(`${path}: not valid JSON`), r.problems[0]);
  });
});

test('trials come in manifest algorithm order, then numeric trial order', () => {
  withCopy((dir) => {
    // trial 10 would sort before trial 2 by file name
    const path = join(dir, 'trials', 'random-3.json');
    const t = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    t.trial = 10;
    writeFileSync(join(dir, 'trials', 'random-10.json'), JSON.stringify(t));
    unlinkSync(path);
    // the run must list 11 trials for trial 10 to belong to it
    const manifestPath = join(dir, 'run.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, trials: 11 }));
    const r = loadResults(dir);
    assert.equal(
      r.trials.map((x) => `${x.algorithm}-${x.trial}`),
      [
        ...['random-0', 'random-1', 'random-2', 'random-10'],
        ...['evolution-0', 'evolution-1', 'evolution-2', 'evolution-3'],
        ...['bananas-0', 'bananas-1', 'bananas-2', 'bananas-3'],
      ],
    );
    assert.ok(
      r.problems.includes(`${path}: missing (run.json lists 11 trials of random)`),
      r.problems.join('\n'),
    );
  });
});

test('a trial copied from a run with another seed, or beyond the run, is named and left out', () => {
  withCopy((dir) => {
    const path = join(dir, 'trials', 'random-1.json');
    const t = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...t, runSeed: 5 }));
    writeFileSync(join(dir, 'trials', 'random-7.json'), JSON.stringify({ ...t, trial: 7 }));
    const r = loadResults(dir);
    assert.ok(
      r.problems.some((p) => p.startsWith(path) && /run seed 5 differs from run.json/.test(p)),
      r.problems.join('\n'),
    );
    assert.ok(
      r.problems.some((p) => /random trial 7 is not part of the run/.test(p)),
      r.problems.join('\n'),
    );
    assert.not.ok(
      r.trials.some((x) => x.algorithm === 'random' && (x.trial === 1 || x.trial === 7)),
    );
  });
});

test('temporary *.tmp files are ignored', () => {
  withCopy((dir) => {
    writeFileSync(join(dir, 'trials', 'bananas-9.json.tmp'), '{"half');
    writeFileSync(join(dir, 'run.json.tmp'), '');
    const r = loadResults(dir);
    assert.equal(r.problems, []);
    assert.is(r.trials.length, 12);
  });
});

test('wrong schema id, newer version, missing field and bad query are each named', () => {
  withCopy((dir) => {
    const edit = (name: string, change: (t: Record<string, unknown>) => void): void => {
      const path = join(dir, 'trials', name);
      const t = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      change(t);
      writeFileSync(path, JSON.stringify(t));
    };
    edit('random-0.json', (t) => (t.schema = 'other/thing'));
    edit('random-1.json', (t) => (t.schemaVersion = 99));
    edit('random-2.json', (t) => delete t.optimum);
    edit('random-3.json', (t) => ((t.queries as Record<string, unknown>[])[4]!.testError = 'x'));
    edit('bananas-0.json', (t) => ((t.queries as Record<string, unknown>[])[2]!.i = 7));
    const r = loadResults(dir);
    assert.is(r.trials.length, 7);
    const p = r.problems.join('\n');
    assert.match(p, /random-0\.json: schema: expected "bananas-ts\/trial", got "other\/thing"/);
    assert.match(p, /random-1\.json: schemaVersion: expected 1\.\.1 .*got 99/);
    assert.match(p, /random-2\.json: optimum: expected an object, missing/);
    assert.match(p, /random-3\.json: queries\[4\]\.testError: expected a number, got "x"/);
    assert.match(p, /bananas-0\.json: queries\[2\]\.i: expected 3, got 7/);
  });
});

test('a missing trial, a misnamed file and a manifest mismatch are reported', () => {
  withCopy((dir) => {
    unlinkSync(join(dir, 'trials', 'bananas-3.json'));
    cpSync(join(dir, 'trials', 'random-0.json'), join(dir, 'trials', 'random-7.json'));
    const path = join(dir, 'trials', 'evolution-0.json');
    const t = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    t.dataset = 'cifar100';
    writeFileSync(path, JSON.stringify(t));
    const r = loadResults(dir);
    const p = r.problems.join('\n');
    assert.match(p, /bananas-3\.json: missing \(run\.json lists 4 trials of bananas\)/);
    assert.match(p, /random-7\.json: holds trial 0 of random, expected file name random-0\.json/);
    assert.match(p, /evolution-0\.json: dataset "cifar100" differs from run\.json \("toy"\)/);
    // evolution-0 is reported once (its content is wrong), not again as missing
    assert.is(r.problems.filter((x) => x.includes('evolution-0.json')).length, 1);
    assert.is(r.trials.length, 10);
  });
});

test('a corrupt run.json is a problem; trials still load without the manifest', () => {
  withCopy((dir) => {
    writeFileSync(join(dir, 'run.json'), '{"schema": "bananas-ts/run", ');
    const r = loadResults(dir);
    assert.is(r.manifest, undefined);
    assert.is(r.trials.length, 12);
    assert.is(r.problems.length, 1);
    assert.match(r.problems[0]!, /run\.json: not valid JSON/);
  });
});

test('a folder that does not exist throws DataFileError naming it', () => {
  const pattern = /\/nonexistent\/results: not a results folder/;
  expectThrows(() => loadResults('/nonexistent/results'), DataFileError, pattern);
});

test.run();
