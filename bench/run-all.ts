/**
 * `npm run bench`: the speed benches of issue #5, in order. Flags are passed through
 * (`--quick` for a short run, `--no-torch` to skip PyTorch). The search-quality experiments
 * (gp-baselines, predict-nb201) are separate scripts because they take much longer.
 */
import { runBananasTrialBench } from './bananas-trial.js';
import { runEnsembleFitBench } from './ensemble-fit.js';
import { runPredictThroughputBench } from './predict-throughput.js';

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
await runEnsembleFitBench();
await runPredictThroughputBench();
await runBananasTrialBench();
