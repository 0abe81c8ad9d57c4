/**
 * The predictor experiment on NB201: ensemble and GP, path vs adjacency (and one-hot)
 * encodings, at several training sizes; prints the markdown table of `formatPredictReport`.
 *
 *   node dist/bench/predict-nb201.js [--dataset cifar10] [--train-sizes 20,50,100,200]
 *     [--encodings path,adjacency,onehot] [--repeats 3] [--test-size 500] [--seed 0] [--models ensemble,gp] [--fit-hyper]
 */
import { Rng } from '../src/core/rng.js';
import { resolveDataDir } from '../src/bench/data-path.js';
import { loadNb201 } from '../src/bench/loaders/nasbench201.js';
import { createNb201Oracle } from '../src/bench/nasbench201-oracle.js';
import { evaluatePredictors } from '../src/bench/predict.js';
import { formatPredictReport } from '../src/bench/predict-format.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const oracle = createNb201Oracle(loadNb201(resolveDataDir()), arg('dataset', 'cifar10'));
const started = performance.now();
const report = await evaluatePredictors({
  oracle,
  rng: new Rng(Number(arg('seed', '0'))),
  trainSizes: arg('train-sizes', '20,50,100,200').split(',').map(Number),
  encodings: arg('encodings', 'path,adjacency,onehot').split(','),
  repeats: Number(arg('repeats', '3')),
  testSize: Number(arg('test-size', '500')),
  models: arg('models', 'ensemble,gp').split(',') as Array<'ensemble' | 'gp'>,
  gp: { fitHyper: process.argv.includes('--fit-hyper') },
});
console.log(formatPredictReport(report));
console.log(`wall ${((performance.now() - started) / 1000).toFixed(0)} s`);
