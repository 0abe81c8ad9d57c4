import { parentPort, workerData } from 'node:worker_threads';
import { openBenchmark, type BenchmarkOptions } from './benchmarks.js';
import { runTrial, type TrialSpec } from './harness.js';

// A worker thread of runExperiment: opens the benchmark once, then runs the trials it is sent
// and posts back their records and progress events.
interface Init {
  space: string;
  dataset: string;
  benchmark: BenchmarkOptions;
}
const init = workerData as Init;
const oracle = openBenchmark(init.space, init.dataset, init.benchmark);

parentPort!.on('message', (spec: TrialSpec) => {
  oracle
    .then((o) => runTrial(o, spec, (event) => parentPort!.postMessage({ type: 'event', event })))
    .then((record) => parentPort!.postMessage({ type: 'record', record }))
    .catch((e: Error) =>
      parentPort!.postMessage({ type: 'error', message: e.message, name: e.name }),
    );
});
