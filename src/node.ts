// bananas-ts Node-only surface: table loaders, oracles, the experiment runner and reports.
export * from './index.js';
export { resolveDataDir, dataFile, DATA_ENV } from './bench/data-path.js';
export { loadNb201, parseNb201Csv } from './bench/loaders/nasbench201.js';
export type { Nb201Table } from './bench/loaders/nasbench201.js';
export { createNb201Oracle, NB201_DATASETS } from './bench/nasbench201-oracle.js';
export type { Nb201OracleOptions, Nb201Dataset } from './bench/nasbench201-oracle.js';
export { loadNb101 } from './bench/loaders/nasbench101.js';
export { createNb101Oracle, NB101_DATASETS } from './bench/nasbench101-oracle.js';
export { openBenchmark, BENCHMARK_SPACES } from './bench/benchmarks.js';
export { runExperiment, writeAtomic } from './bench/experiment.js';
export type { ExperimentOptions, ExperimentEvent } from './bench/experiment.js';
export { loadResults } from './report/load.js';
export type { LoadedResults } from './report/load.js';
export { writeReport, REPORT_FILES } from './report/write-plots.js';
export type { ReportOptions } from './report/write-plots.js';
