import type { Rng } from '../core/rng.js';

/**
 * Loss of the meta neural network: 'mae' (reference default), 'mape' (relative to a lower
 * bound, REFERENCE §1.8), 'mse' (mean squared error, for DNGO-style basis networks).
 */
export type LossName = 'mae' | 'mape' | 'mse';

/** Options of one meta neural network (an MLP); defaults are the reference's NB101/NB201 config. */
export interface MetaNetOptions {
  /** Hidden layers (default 10). */
  layers: number;
  /** Units per hidden layer (default 20). */
  width: number;
  /** Training epochs (default 150). */
  epochs: number;
  /** Minibatch size (default 32); the data are reshuffled each epoch. */
  batchSize: number;
  /** Adam step size (default 0.01). */
  learningRate: number;
  /** Adam β₁ (default 0.9). */
  beta1: number;
  /** Adam β₂ (default 0.99). */
  beta2: number;
  /** Adam ε (default 1e-7, Keras). */
  epsilon: number;
  /** Loss (default 'mae'). */
  loss: LossName;
  /** Lower bound of the MAPE variant, in the target's units (default 4.5, % error). */
  mapeLowerBound: number;
  /**
   * Numeric backend (default: env `BANANAS_BACKEND`, else 'wasm'). 'auto' uses gpu.js on a real
   * GPU when a test kernel runs correctly there and falls back to 'js' otherwise; 'gpu' asks for
   * gpu.js and also falls back (with the reason, see `resolveBackend`). 'wasm' runs the dense
   * layers and Adam as WebAssembly SIMD kernels (float64, same results as 'js'; falls back to
   * 'js' where WebAssembly SIMD is missing).
   */
  backend?: BackendChoice;
  /** Storage precision of weights and activations for the 'js' backend (default 'float64'). */
  precision?: 'float32' | 'float64';
  /**
   * Check weights and loss for NaN/±∞ after every epoch and throw naming the epoch and layer
   * (default: env `BANANAS_DEBUG_NAN` set to 1/true, else false). Slows training slightly.
   */
  debugNan?: boolean;
}

/** Backend request: see `MetaNetOptions.backend`. */
export type BackendChoice = 'auto' | 'js' | 'gpu' | 'wasm';

/** Options of the ensemble. */
export interface EnsembleOptions extends MetaNetOptions {
  /** Members trained from independent initialisations on the same data (default 5). */
  size: number;
}

/** Training data: `rows` × `cols` features, row-major, and one target per row. */
export interface Dataset {
  x: Float32Array;
  y: Float64Array;
  rows: number;
  cols: number;
}

/** A trained ensemble of meta neural networks. */
export interface Ensemble {
  readonly size: number;
  /**
   * Predictions of every member for `rows` inputs (row-major, `cols` as trained):
   * result[m][i] is member m's prediction for row i.
   */
  predict(x: Float32Array, rows: number): Float64Array[];
}

/** Trains an ensemble; members get independent child generators split from `rng`. */
export type EnsembleTrainer = (
  data: Dataset,
  options: EnsembleOptions,
  rng: Rng,
) => Promise<Ensemble>;
