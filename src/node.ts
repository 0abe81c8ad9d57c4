// bananas-ts Node-only surface: table loaders, oracles, the experiment runner and reports.
export * from './index.js';
export { resolveDataDir, dataFile, DATA_ENV } from './bench/data-path.js';
export { loadNb201, parseNb201Csv } from './bench/loaders/nasbench201.js';
export type { Nb201Table } from './bench/loaders/nasbench201.js';
export { loadNb201Seeds } from './bench/loaders/nasbench201-seeds.js';
export type { Nb201Seeds } from './bench/loaders/nasbench201-seeds.js';
export { createNb201Oracle, NB201_DATASETS } from './bench/nasbench201-oracle.js';
export type { Nb201OracleOptions, Nb201Dataset } from './bench/nasbench201-oracle.js';
export { loadNb101 } from './bench/loaders/nasbench101.js';
export { Nb101Table } from './bench/loaders/nasbench101-table.js';
export { loadNb101TfRecord, readNb101TfRecord } from './bench/loaders/nasbench101-tfrecord.js';
export { readTfRecords } from './bench/loaders/tfrecord.js';
export { loadNb101ValSubset } from './bench/loaders/nasbench101-val-subset.js';
export {
  loadNb101FullRecords,
  nb101FullRecordsTable,
} from './bench/loaders/nasbench101-full-records.js';
export {
  createNb101Oracle,
  NB101_DATASETS,
  NB101_TRAIN_TIME_FIT,
} from './bench/nasbench101-oracle.js';
export type { Nb101OracleOptions } from './bench/nasbench101-oracle.js';
export { openBenchmark, BENCHMARK_SPACES } from './bench/benchmarks.js';
export { runExperiment, writeAtomic } from './bench/experiment.js';
export type { ExperimentOptions, ExperimentEvent } from './bench/experiment.js';
export { loadResults } from './report/load.js';
export type { LoadedResults } from './report/load.js';
export { writeReport, REPORT_FILES } from './report/write-plots.js';
export type { ReportOptions } from './report/write-plots.js';
