import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from '../../src/bench/data-path.js';
import { runExperiment, type ExperimentEvent } from '../../src/bench/experiment.js';
import { trialSeed } from '../../src/bench/harness.js';
import type { TrialRecord } from '../../src/bench/results.js';
import { ConfigError } from '../../src/core/errors.js';
import { PACKAGE } from '../../src/bench/version.js';

const dataDir = resolveDataDir();
const base = {
  space: 'nb201',
  dataset: 'cifar10',
  dataDir,
  algorithms: ['random', 'evolution'],
  trials: 3,
  budget: 40,
  seed: 5,
};
/** A record without its wall-clock fields, which are the only part allowed to differ. */
const strip = (r: TrialRecord): unknown => ({
  ...r,
  wallSeconds: 0,
  queries: r.queries.map((q) => ({ ...q, optimizerSeconds: 0 })),
});

test('trial seeds depend only on (run seed, trial) and differ between trials', () => {
  assert.is(trialSeed(0, 0), trialSeed(0, 0));
  const seeds = new Set(Array.from({ length: 50 }, (_, t) => trialSeed(0, t)));
  assert.is(seeds.size, 50);
  assert.is.not(trialSeed(0, 1), trialSeed(1, 1));
});

test('results do not depend on the worker count', async () => {
  const one = await runExperiment({ ...base, workers: 1 });
  const two = await runExperiment({ ...base, workers: 2 });
  assert.is(one.length, 6);
  assert.equal(one.map(strip), two.map(strip));
});

test('writes one file per trial plus run.json; a second run resumes and re-runs only what is missing', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bananas-exp-'));
  try {
    const first = await runExperiment({ ...base, out, workers: 1 });
    const files = readdirSync(join(out, 'trials')).sort();
    assert.equal(files, [
      'evolution-0.json',
      'evolution-1.json',
      'evolution-2.json',
      'random-0.json',
      'random-1.json',
      'random-2.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    assert.is(manifest.budget, 40);
    assert.equal(manifest.package, PACKAGE);

    unlinkSync(join(out, 'trials', 'random-1.json'));
    writeFileSync(join(out, 'trials', 'evolution-2.json'), '{"schema": "bananas-ts/tri'); // torn file
    const events: ExperimentEvent[] = [];
    const second = await runExperiment({
      ...base,
      out,
      workers: 1,
      onEvent: (e) => events.push(e),
    });
    const start = events.find((e) => e.type === 'start');
    assert.ok(
      start !== undefined && start.type === 'start' && start.resumed === 4,
      'four trials resumed',
    );
    assert.ok(
      events.some((e) => e.type === 'skipped-file' && /evolution-2/.test(e.file)),
      'the torn file is named',
    );
    assert.is(events.filter((e) => e.type === 'trial-done').length, 2);
    assert.equal(second.map(strip), first.map(strip));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('refuses to mix runs with different options and says what differs', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bananas-exp-'));
  try {
    await runExperiment({ ...base, trials: 1, out, workers: 1 });
    let caught: unknown;
    try {
      await runExperiment({ ...base, trials: 1, budget: 50, out, workers: 1 });
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof ConfigError);
    assert.match((caught as Error).message, /budget 40 there, 50 now/);
    await runExperiment({
      ...base,
      trials: 1,
      out,
      workers: 1,
      algorithmOptions: { evolution: { dedupe: true } },
    }).then(
      () => assert.unreachable('options of evolution changed'),
      (e: Error) =>
        assert.match(e.message, /options of evolution differ \(dedupe: false there, true now\)/),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a listed-twice algorithm and a bad algorithm option are refused before anything is written', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bananas-exp-'));
  try {
    await runExperiment({ ...base, algorithms: ['random', 'random'], out: join(out, 'a') }).then(
      () => assert.unreachable('should throw'),
      (e: Error) => assert.match(e.message, /lists 'random' more than once/),
    );
    await runExperiment({
      ...base,
      algorithms: ['random', 'bananas'],
      algorithmOptions: { bananas: { encoding: 'pth' } },
      out: join(out, 'b'),
    }).then(
      () => assert.unreachable('should throw'),
      (e: Error) => assert.match(e.message, /no encoding 'pth'/),
    );
    assert.equal(readdirSync(out), [], 'no folder was created');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('benchmark options are part of the run: another test split is refused', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bananas-exp-'));
  try {
    const c100 = { ...base, dataset: 'cifar100', trials: 1, out, workers: 1 };
    await runExperiment(c100);
    await runExperiment({ ...c100, trials: 2, oracleOptions: { testSplit: 'ori-test' } }).then(
      () => assert.unreachable('should throw'),
      (e: Error) =>
        assert.match(
          e.message,
          /benchmark options differ \(testSplit: undefined there, "ori-test" now\)/,
        ),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('resume re-runs a trial file from another dataset, a cut-short one and a misnamed one', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bananas-exp-'));
  const other = mkdtempSync(join(tmpdir(), 'bananas-exp-'));
  try {
    const spec = { ...base, algorithms: ['random'], trials: 3, workers: 1 };
    const first = await runExperiment({ ...spec, out });
    await runExperiment({ ...spec, dataset: 'cifar100', out: other });
    // trial 0: from another dataset; trial 1: half its queries; trial 2: renamed copy of trial 1
    writeFileSync(
      join(out, 'trials', 'random-0.json'),
      readFileSync(join(other, 'trials', 'random-0.json')),
    );
    const r1 = JSON.parse(
      readFileSync(join(out, 'trials', 'random-1.json'), 'utf8'),
    ) as TrialRecord;
    writeFileSync(join(out, 'trials', 'random-2.json'), JSON.stringify(r1));
    writeFileSync(
      join(out, 'trials', 'random-1.json'),
      JSON.stringify({ ...r1, queries: r1.queries.slice(0, 20) }),
    );
    const events: ExperimentEvent[] = [];
    const again = await runExperiment({ ...spec, out, onEvent: (e) => events.push(e) });
    const skipped = events
      .filter((e) => e.type === 'skipped-file')
      .map((e) => (e.type === 'skipped-file' ? e.reason : ''));
    assert.is(skipped.length, 3, skipped.join(' | '));
    assert.match(skipped.join(' | '), /cifar100/);
    assert.match(skipped.join(' | '), /holds 20 of 40 queries/);
    assert.match(skipped.join(' | '), /content is random trial 1/);
    assert.equal(again.map(strip), first.map(strip));
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});

test('stochastic NB201: trials draw independent noise, and a finished run resumes without re-running', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bananas-exp-'));
  try {
    const spec = {
      ...base,
      algorithms: ['random'],
      trials: 2,
      workers: 1,
      out,
      oracleOptions: { mode: 'stochastic', seed: 0 },
    };
    const first = await runExperiment(spec);
    const det = await runExperiment({ ...base, algorithms: ['random'], trials: 2, workers: 1 });
    // same architectures (same trial seeds), but some validation errors differ from the means
    assert.equal(
      first[0]!.queries.map((q) => q.hash),
      det[0]!.queries.map((q) => q.hash),
    );
    assert.ok(first[0]!.queries.some((q, i) => q.valError !== det[0]!.queries[i]!.valError));
    const events: ExperimentEvent[] = [];
    await runExperiment({ ...spec, onEvent: (e) => events.push(e) });
    assert.ok(
      events.some((e) => e.type === 'start' && e.resumed === 2),
      'both trials resumed',
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('trial records name the backend of model-based searchers and none for the others', async () => {
  const records = await runExperiment({
    ...base,
    algorithms: ['bananas', 'random'],
    algorithmOptions: { bananas: { ensemble: { epochs: 5, backend: 'js' } } },
    trials: 1,
    budget: 20,
    workers: 1,
  });
  assert.equal(
    records.map((r) => [r.algorithm, r.backend]),
    [
      ['bananas', 'js'],
      ['random', 'none'],
    ],
  );
});

test('a trial that runs out of space records why it stopped early', async () => {
  const [r] = await runExperiment({
    ...base,
    algorithms: ['random'],
    trials: 1,
    budget: 15625 + 10,
    workers: 1,
  });
  assert.ok(r!.queries.length < 15625 + 10);
  assert.match(r!.stoppedEarly ?? '', /proposed nothing new after \d+ of 15635 queries/);
});

test('a budget below the initial random sample is refused before any work', async () => {
  await runExperiment({ ...base, algorithms: ['bananas'], budget: 5 }).then(
    () => assert.unreachable('should throw'),
    (e: Error) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /budget 5 is below bananas's initial random sample of 10/);
    },
  );
});

test('unknown algorithm and unknown dataset name the valid choices', async () => {
  await runExperiment({ ...base, algorithms: ['bananaz'] }).then(
    () => assert.unreachable('should throw'),
    (e: Error) =>
      assert.match(
        e.message,
        /unknown algorithm 'bananaz'; valid: bananas, evolution, random, local, gp, dngo/,
      ),
  );
  await runExperiment({ ...base, dataset: 'mnist' }).then(
    () => assert.unreachable('should throw'),
    (e: Error) => assert.match(e.message, /mnist/),
  );
});

test.run();
