import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OracleOptimum } from '../../src/bench/oracle.js';
import {
  RUN_SCHEMA,
  RUN_SCHEMA_VERSION,
  TRIAL_SCHEMA,
  TRIAL_SCHEMA_VERSION,
  type QueryRecord,
  type RunManifest,
  type TrialRecord,
} from '../../src/bench/results.js';
import { Rng } from '../../src/core/rng.js';

/**
 * Synthetic results for report tests and demos (no real benchmark data involved).
 *
 * A fake table of `tableSize` architectures, seeded: test error = 5.5 + 2.75·Exp(1)^0.44 %, or
 * U(10, 90) % for 5 % of cells (a long right tail, like NB201 CIFAR-10), validation error =
 * test + 2.8 + N(0, 0.25) % (noisy, so the
 * best-by-validation is not always the best by test), training time = 2,000–20,000 s, longer
 * for better cells. An algorithm of `strength` s picks each query as the lowest-validation cell
 * among 1 + ⌊s·20·i/budget⌋ uniform draws, so a larger s improves faster, like a model-based
 * searcher; s = 0 is random search.
 */
export interface SyntheticOptions {
  seed: number;
  trials: number;
  budget: number;
  /** Algorithm name → strength (0 = random search). */
  algorithms: Record<string, number>;
  tableSize?: number;
  space?: string;
  dataset?: string;
}

interface Cell {
  arch: string;
  valError: number;
  testError: number;
  trainTime: number;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function makeTable(seed: number, size: number): Cell[] {
  const rng = new Rng(seed);
  const cells: Cell[] = [];
  for (let k = 0; k < size; k++) {
    const broken = rng.next() < 0.05;
    const exp1 = -Math.log(1 - rng.next());
    const testError = broken ? rng.uniform(10, 90) : 5.5 + 2.75 * exp1 ** 0.44;
    const valError = testError + 2.8 + rng.normal(0, 0.25);
    const quality = Math.exp(-(testError - 5.5));
    const trainTime = 2000 + 18000 * Math.min(1, Math.max(0, 0.6 * quality + 0.4 * rng.next()));
    cells.push({
      arch: `c${k}`,
      valError: round4(valError),
      testError: round4(testError),
      trainTime: Math.round(trainTime),
    });
  }
  return cells;
}

function optimumOf(cells: Cell[]): OracleOptimum {
  let bestVal = cells[0]!;
  let bestTest = cells[0]!;
  for (const c of cells) {
    if (c.valError < bestVal.valError) bestVal = c;
    if (c.testError < bestTest.testError) bestTest = c;
  }
  return {
    valError: bestVal.valError,
    testError: bestTest.testError,
    testErrorOfBestVal: bestVal.testError,
  };
}

/** A synthetic run: what `run.json` and the trial files hold. */
export interface SyntheticRun {
  manifest: RunManifest;
  trials: TrialRecord[];
}

/** Manifest and trial records of a synthetic run (deterministic in `options.seed`). */
export function syntheticRun(options: SyntheticOptions): SyntheticRun {
  const space = options.space ?? 'synthetic';
  const dataset = options.dataset ?? 'toy';
  const cells = makeTable(options.seed, options.tableSize ?? 3000);
  const optimum = optimumOf(cells);
  const pkg = { name: 'bananas-ts', version: '0.1.0' };
  const names = Object.keys(options.algorithms);
  const manifest: RunManifest = {
    schema: RUN_SCHEMA,
    schemaVersion: RUN_SCHEMA_VERSION,
    package: pkg,
    space,
    dataset,
    algorithms: names,
    trials: options.trials,
    budget: options.budget,
    seed: options.seed,
    options: Object.fromEntries(names.map((n) => [n, { strength: options.algorithms[n] }])),
  };
  const trials: TrialRecord[] = [];
  names.forEach((algorithm, a) => {
    const strength = options.algorithms[algorithm]!;
    for (let trial = 0; trial < options.trials; trial++) {
      const seed = options.seed * 1000 + a * 100 + trial;
      const rng = new Rng(seed);
      const queries: QueryRecord[] = [];
      let sim = 0;
      for (let i = 1; i <= options.budget; i++) {
        const draws = 1 + Math.floor((strength * 20 * i) / options.budget);
        let pick = cells[rng.int(cells.length)]!;
        for (let d = 1; d < draws; d++) {
          const c = cells[rng.int(cells.length)]!;
          if (c.valError < pick.valError) pick = c;
        }
        sim += pick.trainTime;
        queries.push({
          i,
          arch: pick.arch,
          hash: pick.arch,
          valError: pick.valError,
          testError: pick.testError,
          trainTime: pick.trainTime,
          simulatedSeconds: sim,
          optimizerSeconds: round4(i * 0.001 * (1 + strength)),
        });
      }
      trials.push({
        schema: TRIAL_SCHEMA,
        schemaVersion: TRIAL_SCHEMA_VERSION,
        package: pkg,
        space,
        dataset,
        algorithm,
        trial,
        runSeed: options.seed,
        seed,
        budget: options.budget,
        options: { strength },
        backend: 'none',
        objective: 'synthetic validation error (%), test error (%) reported',
        optimum,
        queries,
        wallSeconds: round4(options.budget * 0.001 * (1 + strength)),
      });
    }
  });
  return { manifest, trials };
}

/** Writes a synthetic run as a results folder: `<dir>/run.json`, `<dir>/trials/<alg>-<k>.json`. */
export function writeSyntheticRun(dir: string, options: SyntheticOptions): SyntheticRun {
  const run = syntheticRun(options);
  mkdirSync(join(dir, 'trials'), { recursive: true });
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run.manifest, null, 2) + '\n');
  for (const t of run.trials) {
    writeFileSync(join(dir, 'trials', `${t.algorithm}-${t.trial}.json`), JSON.stringify(t) + '\n');
  }
  return run;
}
