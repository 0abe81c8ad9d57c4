// bananas-ts public surface (browser-safe: nothing here imports a Node built-in).
// Node-only parts (table loaders, experiment runner, data folder) are in './node.js'.

// core
export { Rng } from './core/rng.js';
export { OutOfSpaceError, DataFileError, ConfigError } from './core/errors.js';
export {
  mean,
  sampleStd,
  populationStd,
  standardError,
  median,
  pearson,
  kendallTau,
} from './core/stats.js';

// search spaces
export type { SearchSpace, MutateOptions } from './space/types.js';
export * from './space/nasbench201/space.js';
export { nb101Space, createNb101Space, prune, graphHash } from './space/nasbench101/space.js';
export type { Nb101Arch, Nb101SpaceOptions } from './space/nasbench101/space.js';
export { validateNb101, isValidNb101 } from './space/nasbench101/validate.js';
export { pathIndices, NB101_PATH_COUNT } from './space/nasbench101/path-encoding.js';
export { NB101_OPS } from './space/nasbench101/constants.js';
export { md5Hex } from './space/nasbench101/md5.js';
export * from './space/generic/index.js';
export * from './space/categorical/index.js';
export * from './space/darts/index.js';

// meta neural network
export type {
  MetaNetOptions,
  EnsembleOptions,
  Dataset,
  Ensemble,
  EnsembleTrainer,
  LossName,
} from './nn/types.js';
export { Mlp, defaultMetaNetOptions } from './nn/mlp.js';
export { trainEnsemble, defaultEnsembleOptions, MlpEnsemble } from './nn/ensemble.js';
export type { BackendChoice } from './nn/types.js';
export type { FitReport } from './nn/mlp.js';
export { adamStepSize } from './nn/adam.js';
export { resolveBackend } from './nn/backend/resolve.js';
export type { ResolvedBackend } from './nn/backend/resolve.js';
export { createJsBackend } from './nn/backend/cpu.js';
export { createWasmBackend } from './nn/backend/wasm/index.js';
export type { Backend, Precision } from './nn/backend/backend.js';

// Gaussian processes and Bayesian linear regression
export { GaussianProcess, defaultGpOptions } from './gp/gp.js';
export type { GpOptions, GpPrediction, GpPosterior } from './gp/gp.js';
export {
  cholesky,
  choleskySolve,
  choleskyLogDet,
  solveLower,
  solveUpper,
  defaultCholeskyOptions,
} from './gp/cholesky.js';
export type { CholeskyFactor, CholeskyOptions } from './gp/cholesky.js';
export { distanceKernel, distanceMatrix, defaultKernelParams } from './gp/kernels.js';
export type { KernelParams } from './gp/kernels.js';
export { fitKernelHyper, defaultHyperFitOptions } from './gp/hyper.js';
export type { HyperFit, HyperFitOptions } from './gp/hyper.js';
export {
  sampledUcbScores,
  expectedImprovementScores,
  stdNormalCdf,
  stdNormalPdf,
  GP_ACQUISITIONS,
  defaultSampledUcbOptions,
} from './gp/acquisition.js';
export type { GpAcquisitionName, SampledUcbOptions, SampledScores } from './gp/acquisition.js';
export { createDistance, encodingDistance, featureDistance, GP_DISTANCES } from './gp/distances.js';
export type { ArchDistance, GpDistanceName } from './gp/distances.js';
export { fitBayesianLinearRegression, defaultBlrOptions } from './gp/blr.js';
export type { BlrModel, BlrOptions } from './gp/blr.js';

// searchers (ask/tell) and acquisition functions
export type { Optimizer, OptimizerContext, SearchEvent, OptimizerFactory } from './search/types.js';
export { ACQUISITIONS, acquisitionScores, ensembleMoments, lowestK } from './search/acquisition.js';
export type { AcquisitionName, AcquisitionOptions } from './search/acquisition.js';
export {
  createBananas,
  defaultBananasOptions,
  resolveBananasOptions,
  buildCandidates,
  ACQ_OPTIMIZERS,
} from './search/bananas.js';
export type { BananasOptions, BananasHooks, AcqOptimizerName } from './search/bananas.js';
export { createRandomSearch, defaultRandomSearchOptions } from './search/random.js';
export type { RandomSearchOptions } from './search/random.js';
export { createEvolution, defaultEvolutionOptions } from './search/evolution.js';
export type { EvolutionOptions } from './search/evolution.js';
export {
  createLocalSearch,
  defaultLocalSearchOptions,
  resolveLocalSearchOptions,
} from './search/local.js';
export type { LocalSearchOptions } from './search/local.js';
export {
  createGpBayesOpt,
  defaultGpBayesOptOptions,
  resolveGpBayesOptOptions,
  candidateDomain,
} from './search/gp-bo.js';
export type { GpBayesOptOptions } from './search/gp-bo.js';
export {
  createDngo,
  defaultDngoOptions,
  resolveDngoOptions,
  DNGO_ACQUISITIONS,
} from './search/dngo.js';
export type { DngoOptions, DngoAcquisitionName } from './search/dngo.js';
export { algorithms, getAlgorithm, registerAlgorithm } from './search/registry.js';
export type { AlgorithmEntry } from './search/registry.js';

// benchmark records (the oracle interface, trial records, one trial)
export type { Oracle, QueryResult, OracleOptimum } from './bench/oracle.js';
export type { TrialRecord, QueryRecord, RunManifest } from './bench/results.js';
export { incumbentAt, TRIAL_SCHEMA, TRIAL_SCHEMA_VERSION } from './bench/results.js';
export { runTrial, trialSeed } from './bench/harness.js';
export { evaluatePredictors, PREDICT_MODELS } from './bench/predict.js';
export type { PredictOptions, PredictReport, PredictRow, PredictModel } from './bench/predict.js';
export { formatPredictReport } from './bench/predict-format.js';
export type { TrialSpec, TrialEvent } from './bench/harness.js';

// reports (pure: summaries, tables, SVG strings; reading and writing folders is in './node.js')
export { summarise, defaultCheckpoints, meanSe, incumbentTrace } from './report/summary.js';
export type {
  Summary,
  AlgorithmSummary,
  CheckpointSummary,
  Curve,
  MeanSe,
  SummariseOptions,
} from './report/summary.js';
export { formatSummaryTable, formatSummaryText } from './report/markdown.js';
export type { TableOptions } from './report/markdown.js';
export { linePlotSvg } from './report/svg/line-plot.js';
export type { LineSeries, LinePlotOptions } from './report/svg/line-plot.js';
export { boxPlotSvg, boxStats } from './report/svg/box-plot.js';
export type { BoxStats, BoxSeries, BoxPlotOptions } from './report/svg/box-plot.js';

// library API: ask/tell optimiser objects by name, minimise, JSON state save/restore
export * from './api/index.js';
