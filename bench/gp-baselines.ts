/**
 * Runs the baselines of issue #4 (local search, GP-BO, DNGO) next to random search and
 * regularised evolution on NB201, and prints mean ± s.e. over trials of the test error (%) of
 * the best-by-validation architecture after 50/100/150 queries (`incumbentAt`).
 *
 *   node dist/bench/gp-baselines.js [--dataset cifar10] [--trials 10] [--budget 150]
 *     [--algos local,gp,dngo,random,evolution] [--seed 0] [--data DIR]
 *
 * Every trial uses the harness's seed for (seed, trial), so algorithms share their initial
 * random draws where they draw the same way (common random numbers).
 */
import { standardError, mean } from '../src/core/stats.js';
import { resolveDataDir } from '../src/bench/data-path.js';
import { runTrial } from '../src/bench/harness.js';
import { loadNb201 } from '../src/bench/loaders/nasbench201.js';
import { createNb201Oracle } from '../src/bench/nasbench201-oracle.js';
import { incumbentAt } from '../src/bench/results.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const dataset = arg('dataset', 'cifar10');
const trials = Number(arg('trials', '10'));
const budget = Number(arg('budget', '150'));
const runSeed = Number(arg('seed', '0'));
const algos = arg('algos', 'local,gp,dngo,random,evolution').split(',');
// algorithm variants: name[:json-options], e.g. local:{"stopAtMinimum":false}
const table = loadNb201(
  resolveDataDir(process.argv.includes('--data') ? arg('data', '') : undefined),
);
const oracle = createNb201Oracle(table, dataset);
const checkpoints = [50, 100, 150].filter((q) => q <= budget);

console.log(`NB201 ${dataset}: ${trials} trials × ${budget} queries, run seed ${runSeed}`);
console.log(
  `optimum: best test error ${oracle.optimum.testError.toFixed(3)} %, test error of best-val ${oracle.optimum.testErrorOfBestVal.toFixed(3)} %`,
);
console.log(`| algorithm | ${checkpoints.map((q) => `@${q}`).join(' | ')} | s/trial |`);
console.log(`|---|${checkpoints.map(() => '---').join('|')}|---|`);
for (const spec of algos) {
  const colon = spec.indexOf(':');
  const name = colon < 0 ? spec : spec.slice(0, colon);
  const options = colon < 0 ? {} : (JSON.parse(spec.slice(colon + 1)) as Record<string, unknown>);
  const finals: number[][] = checkpoints.map(() => []);
  let wall = 0;
  for (let t = 0; t < trials; t++) {
    const rec = await runTrial(oracle, { algorithm: name, options, budget, trial: t, runSeed });
    wall += rec.wallSeconds;
    checkpoints.forEach((q, i) => finals[i]!.push(incumbentAt(rec.queries, q)!.testError));
  }
  const cells = finals.map((xs) => `${mean(xs).toFixed(2)} ± ${standardError(xs).toFixed(2)}`);
  console.log(`| ${spec} | ${cells.join(' | ')} | ${(wall / trials).toFixed(1)} |`);
}
