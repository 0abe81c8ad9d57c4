/**
 * How many queries local search needs to reach the best-validation architecture of NB201
 * (the local-search paper's claim: 127 on average on CIFAR-100, REFERENCE §3.3), next to random
 * search. Prints mean, median and the share of trials that found it within the budget.
 *
 *   node dist/bench/gp-local-optimum.js [--dataset cifar100] [--trials 100] [--budget 1000]
 */
import { mean, median } from '../src/core/stats.js';
import { resolveDataDir } from '../src/bench/data-path.js';
import { runTrial } from '../src/bench/harness.js';
import { loadNb201 } from '../src/bench/loaders/nasbench201.js';
import { createNb201Oracle } from '../src/bench/nasbench201-oracle.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const dataset = arg('dataset', 'cifar100');
const trials = Number(arg('trials', '100'));
const budget = Number(arg('budget', '1000'));
const oracle = createNb201Oracle(loadNb201(resolveDataDir()), dataset);
const best = oracle.optimum.valError;
console.log(
  `NB201 ${dataset}: queries until the best validation error (${best.toFixed(3)} %) is found`,
);
console.log('| algorithm | found | mean queries (found) | median (all, budget if not found) |');
console.log('|---|---|---|---|');
for (const spec of ['local', 'local:{"stopAtMinimum":false}', 'random']) {
  const colon = spec.indexOf(':');
  const algorithm = colon < 0 ? spec : spec.slice(0, colon);
  const options = colon < 0 ? {} : (JSON.parse(spec.slice(colon + 1)) as Record<string, unknown>);
  const hits: number[] = [];
  for (let t = 0; t < trials; t++) {
    const rec = await runTrial(oracle, { algorithm, options, budget, trial: t, runSeed: 0 });
    const i = rec.queries.findIndex((q) => q.valError <= best);
    hits.push(i < 0 ? Infinity : i + 1);
  }
  const found = hits.filter(Number.isFinite);
  const capped = hits.map((h) => (Number.isFinite(h) ? h : budget));
  console.log(
    `| ${spec} | ${found.length}/${trials} | ${mean(found).toFixed(0)} | ${median(capped).toFixed(0)} |`,
  );
}
