/**
 * Issue #5 bench hook: one whole 150-query BANANAS trial on NAS-Bench-201 (goal: ≤ 5 s on one
 * core). The lead wires the searcher in here once src/search/bananas.ts lands.
 *
 *   node dist/bench/bananas-trial.js
 */
import { fileURLToPath } from 'node:url';

/**
 * Runs and prints the trial timing; until wired it prints why nothing was timed.
 * TODO(#5): run createBananas on the NB201 oracle (resolveDataDir()), 150 queries, seeds 0..4,
 * and print the median wall/CPU seconds beside the 5 s goal and the reference's ~360 s.
 */
export async function runBananasTrialBench(): Promise<void> {
  console.log('\nWhole BANANAS trial on NB201: not wired yet (TODO(#5): hook for src/search/bananas.ts)');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runBananasTrialBench();
}
