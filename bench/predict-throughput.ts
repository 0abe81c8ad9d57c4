/**
 * Issue #5 bench: prediction throughput of a trained 5-member ensemble on large candidate pools
 * (10k, 100k, 1M path-encoding-like rows), D = 155 and 364.
 *
 *   node dist/bench/predict-throughput.js [--quick]
 */
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/core/rng.js';
import { resolveBackend } from '../src/nn/backend/resolve.js';
import { defaultEnsembleOptions, trainEnsemble } from '../src/nn/ensemble.js';
import { hasFlag, ms, pathLikeData, printTable, timeIt } from './common.js';

/** Runs the bench and prints its table. */
export async function runPredictThroughputBench(): Promise<void> {
  const quick = hasFlag('quick');
  const pools = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const rows: (string | number)[][] = [];
  for (const d of [155, 364]) {
    const train = pathLikeData(5, 150, d);
    const ensemble = await trainEnsemble(
      train,
      { ...defaultEnsembleOptions, epochs: 20 },
      new Rng(1),
    );
    for (const n of pools) {
      const pool = pathLikeData(6 + n, n, d);
      const t = await timeIt(() => ensemble.predict(pool.x, n), n >= 1_000_000 ? 1 : 3);
      rows.push([
        d,
        n.toLocaleString('en'),
        ms(t.wallMs),
        ms(t.cpuMs),
        Math.round(n / (t.cpuMs / 1000)).toLocaleString('en'),
      ]);
    }
  }
  printTable(
    `Ensemble prediction (5 members, ${(await resolveBackend()).backend.name} backend; medians, 1 warm-up)`,
    ['D', 'candidates', 'wall ms', 'cpu ms', 'candidates/s (cpu)'],
    rows,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runPredictThroughputBench();
}
