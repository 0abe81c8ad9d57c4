/**
 * Issue #5 bench: whole 150-query BANANAS trials on NAS-Bench-201 (goal: ≤ 5 s per trial on one
 * core; the reference spends ~360 s of optimiser overhead per 150-query trial, naszilla#8).
 * Loading the table is excluded; each trial runs through the harness (`runTrial`) with the
 * default BANANAS options, and the ensemble-fit share is summed from its `fit` events.
 *
 *   node dist/bench/bananas-trial.js [--trials 5] [--dataset cifar10] [--encoding trunc_path]
 *
 * Prints why nothing was timed when the NB201 data folder is missing (see `resolveDataDir`).
 */
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../src/bench/data-path.js';
import { runTrial } from '../src/bench/harness.js';
import { loadNb201 } from '../src/bench/loaders/nasbench201.js';
import { createNb201Oracle } from '../src/bench/nasbench201-oracle.js';
import { resolveBackend } from '../src/nn/backend/resolve.js';
import { median, ms, printTable } from './common.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

/** Runs the trials and prints their timing table. */
export async function runBananasTrialBench(): Promise<void> {
  let oracle;
  try {
    oracle = createNb201Oracle(loadNb201(resolveDataDir()), arg('dataset', 'cifar10'));
  } catch (e) {
    console.log(`\nWhole BANANAS trial on NB201: skipped (${(e as Error).message})`);
    return;
  }
  const trials = Number(arg('trials', '5'));
  const encoding = process.argv.includes('--encoding')
    ? { encoding: arg('encoding', 'trunc_path') }
    : {};
  const rows: (string | number)[][] = [];
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let t = -1; t < trials; t++) {
    let fitSeconds = 0;
    let fits = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const rec = await runTrial(
      oracle,
      {
        algorithm: 'bananas',
        options: { ...encoding },
        budget: 150,
        trial: Math.max(t, 0),
        runSeed: 0,
      },
      (e) => {
        if (e.type === 'fit') {
          fitSeconds += e.seconds;
          fits++;
        }
      },
    );
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    if (t < 0) continue; // warm-up trial (JIT), not reported
    walls.push(wall);
    cpus.push(cpu);
    const best = Math.min(...rec.queries.map((q) => q.valError));
    rows.push([
      t,
      rec.queries.length,
      fits,
      ms(wall),
      ms(cpu),
      ms(fitSeconds * 1000),
      best.toFixed(2),
    ]);
  }
  rows.push(['median', '', '', ms(median(walls)), ms(median(cpus)), '', '']);
  printTable(
    `Whole BANANAS trials on NB201 ${oracle.dataset} (150 queries, default options, ${(await resolveBackend()).backend.name} backend; goal ≤ 5000 ms)`,
    ['trial', 'queries', 'fits', 'wall ms', 'cpu ms', 'fit ms', 'best val err %'],
    rows,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runBananasTrialBench();
}
