import type { Rng } from '../core/rng.js';
import { adamStepSize } from './adam.js';
import type { ActiveSets, Backend, FloatArray } from './backend/backend.js';
import { createJsBackend } from './backend/cpu.js';
import { batchLoss } from './loss.js';
import {
  clearSparseRows,
  sparseForward,
  sparseWeightGrad,
  toCsr,
  touchedRuns,
  type Csr,
} from './sparse-input.js';
import { validateData, validateOptions } from './validate.js';
import type { Dataset, MetaNetOptions } from './types.js';

export { validateOptions } from './validate.js';

/**
 * The reference meta neural network's settings (REFERENCE §1.8, R1/R2 NB101 and NB201 configs):
 * 10 hidden layers of 20 ReLU units, MAE loss, Adam(lr 0.01, β₁ 0.9, β₂ 0.99, ε 1e-7),
 * 150 epochs, minibatch 32 reshuffled each epoch, MAPE lower bound 4.5 (% error).
 */
export const defaultMetaNetOptions: Readonly<MetaNetOptions> = Object.freeze({
  layers: 10,
  width: 20,
  epochs: 150,
  batchSize: 32,
  learningRate: 0.01,
  beta1: 0.9,
  beta2: 0.99,
  epsilon: 1e-7,
  loss: 'mae',
  mapeLowerBound: 4.5,
});

/** What `Mlp.fit` reports. */
export interface FitReport {
  /** Mean training loss of each epoch (averaged over samples, as Keras logs it). */
  losses: Float64Array;
}

/** Loss and gradient of one full batch, in `Mlp.parameters()` order; see `Mlp.gradients`. */
export interface LossGradient {
  loss: number;
  grads: Float64Array[];
}

/** Rows per chunk when predicting, so a million candidates need only a few small buffers. */
const PREDICT_CHUNK = 256;
/** The sparse first-layer path is used when at most this fraction of inputs is non-zero. */
const SPARSE_DENSITY = 0.5;

/**
 * The meta neural network: input → `layers` × Dense(`width`, ReLU) → Dense(1, linear), written by
 * hand over typed arrays, trained by minibatch Adam on MAE or the MAPE variant.
 *
 * Initialisation as Keras: Glorot-uniform kernels, U(−l, l) with l = √(6 / (fan_in + fan_out)),
 * drawn layer by layer in row-major (fan_in × fan_out) order from the constructor's `rng`; zero
 * biases. Each epoch reshuffles the row order with the same `rng` (Fisher–Yates on the previous
 * order, as Keras shuffles its index array); the last batch of an epoch may be short and its
 * loss is its own mean (Keras). Adam is Keras': bias corrections folded into the step size and
 * ε added to √v, not to the bias-corrected √v̂ (see `adamStepSize`). Calling `fit` again
 * continues from the current weights and optimiser state, as Keras' `fit` does; BANANAS builds
 * fresh networks each round. The same `rng` state and data give bit-identical weights.
 *
 * Debugging: `debugNan` (or env BANANAS_DEBUG_NAN=1) checks every weight and the epoch loss
 * after each epoch and throws naming the layer and epoch; NaN otherwise propagates to the
 * predictions.
 *
 * Speed: with the JS backend and inputs at most half non-zero (path encodings), the first
 * layer reads a CSR copy of the inputs, so forward pass and weight gradient touch only active
 * inputs, and Adam skips input rows that were zero in every row ever fitted (their gradient,
 * moments and update are exactly zero, so results are unchanged).
 *
 * Limitations: one output; no regularisation (the reference's default L1 weight is 0); the
 * reference's 'mle' two-head loss is not implemented.
 */
export class Mlp {
  readonly inputs: number;
  readonly options: Readonly<MetaNetOptions>;
  readonly backend: Backend;
  private readonly rng: Rng;
  private readonly fanIn: number[] = [];
  private readonly fanOut: number[] = [];
  private readonly weights: FloatArray[] = [];
  private readonly biases: FloatArray[] = [];
  private readonly dWeights: FloatArray[] = [];
  private readonly dBiases: FloatArray[] = [];
  private readonly moments: { mW: FloatArray; vW: FloatArray; mB: FloatArray; vB: FloatArray }[] =
    [];
  /** Input columns that were non-zero in some row of some fit (Adam touches only these). */
  private readonly touched: Uint8Array;
  private adamSteps = 0;
  private capacity = 0;
  private hidden: FloatArray[] = [];
  private deltaA!: FloatArray;
  private deltaB!: FloatArray;
  private pred!: FloatArray;
  private predGrad!: FloatArray;
  private xBatch: FloatArray | undefined;
  /** Active units of each hidden layer (fused backends only). */
  private activeSets: ActiveSets[] = [];
  private xSets: ActiveSets | undefined;

  /**
   * @param inputs number of input features (columns of x).
   * @param options any subset of `MetaNetOptions`; the rest from `defaultMetaNetOptions`.
   * @param rng draws the initial weights now and the minibatch orders during `fit`.
   * @param backend numeric backend (default: the JS backend in `options.precision`, float64).
   * @throws ConfigError naming the option when an option is out of range.
   */
  constructor(inputs: number, options: Partial<MetaNetOptions>, rng: Rng, backend?: Backend) {
    const o = { ...defaultMetaNetOptions, ...options };
    validateOptions('mlp', inputs, o);
    this.inputs = inputs;
    this.options = Object.freeze(o);
    this.rng = rng;
    this.backend = backend ?? createJsBackend(o.precision ?? 'float64');
    this.touched = new Uint8Array(inputs);
    // init: Glorot-uniform kernels layer by layer, zero biases
    const b = this.backend;
    for (let l = 0; l <= o.layers; l++) {
      const fi = l === 0 ? inputs : o.width;
      const fo = l === o.layers ? 1 : o.width;
      const limit = Math.sqrt(6 / (fi + fo));
      const w = b.alloc(fi * fo);
      for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
      this.fanIn.push(fi);
      this.fanOut.push(fo);
      this.weights.push(w);
      this.biases.push(b.alloc(fo));
      this.dWeights.push(b.alloc(fi * fo));
      this.dBiases.push(b.alloc(fo));
      this.moments.push({
        mW: b.alloc(fi * fo),
        vW: b.alloc(fi * fo),
        mB: b.alloc(fo),
        vB: b.alloc(fo),
      });
    }
  }

  /**
   * Trains for `options.epochs` epochs of minibatch Adam on `data`.
   *
   * @throws RangeError (message starts with `mlp.fit:`) when `data.cols` differs from `inputs`,
   *   `rows` is not a positive integer, array lengths disagree with rows × cols, an input or
   *   target is NaN/±∞, or (MAPE) a target is not above the lower bound; Error when `debugNan`
   *   finds a non-finite weight or loss after an epoch.
   */
  fit(data: Dataset): FitReport {
    const { x, y, rows, cols } = data;
    validateData('mlp.fit', this.inputs, x, rows, cols);
    if (y.length !== rows)
      throw new RangeError(`mlp.fit: y has length ${y.length}, expected rows = ${rows}`);
    for (let i = 0; i < rows; i++) {
      if (!Number.isFinite(y[i]))
        throw new RangeError(`mlp.fit: y[${i}] is ${y[i]}; targets must be finite`);
    }
    const o = this.options;
    if (o.loss === 'mape') {
      for (let i = 0; i < rows; i++) {
        if (!(y[i]! > o.mapeLowerBound)) {
          throw new RangeError(
            `mlp.fit: loss 'mape' needs every target above mapeLowerBound ${o.mapeLowerBound}, ` +
              `but y[${i}] = ${y[i]}`,
          );
        }
      }
    }
    // prepare: row order, CSR copy of sparse inputs, Adam runs over touched input rows
    const order = new Int32Array(rows);
    for (let i = 0; i < rows; i++) order[i] = i;
    const csr = this.backend.sparseInputs ? toCsr(x, rows, cols, SPARSE_DENSITY) : undefined;
    if (csr !== undefined) this.dWeights[0]!.fill(0);
    for (let i = 0; i < x.length; i++) if (x[i] !== 0) this.touched[i % cols] = 1;
    const runs = touchedRuns(this.touched, o.width);
    this.ensureCapacity(Math.min(o.batchSize, rows));
    const debugNan = o.debugNan ?? debugNanFromEnv();
    const losses = new Float64Array(o.epochs);
    // epochs: reshuffle, then one Adam step per minibatch
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      shuffleInPlace(order, this.rng);
      let lossSum = 0;
      for (let start = 0; start < rows; start += o.batchSize) {
        const count = Math.min(o.batchSize, rows - start);
        lossSum += count * this.forwardBackward(x, y, order, start, count, csr);
        this.adamStep(runs);
        if (csr !== undefined)
          clearSparseRows(this.dWeights[0]!, csr, order, start, count, o.width);
      }
      losses[epoch] = lossSum / rows;
      if (debugNan) this.checkFinite(epoch, losses[epoch]!);
    }
    return { losses };
  }

  /**
   * Predictions for `rows` inputs (row-major, `inputs` columns).
   * @returns one prediction per row, in the targets' units.
   * @throws RangeError (`mlp.predict:`) when x's length is not rows × inputs or an input is not finite.
   */
  predict(x: Float32Array, rows: number): Float64Array {
    validateData('mlp.predict', this.inputs, x, rows, this.inputs, true);
    const out = new Float64Array(rows);
    this.ensureCapacity(Math.min(PREDICT_CHUNK, Math.max(rows, 1)));
    for (let r0 = 0; r0 < rows; r0 += PREDICT_CHUNK) {
      const count = Math.min(PREDICT_CHUNK, rows - r0);
      this.forwardRows(x, r0, count);
      for (let i = 0; i < count; i++) out[r0 + i] = this.pred[i]!;
    }
    return out;
  }

  /**
   * Activations of the last hidden layer (after ReLU) for `rows` inputs: rows × width,
   * row-major. DNGO fits its Bayesian linear regression on these.
   * @throws RangeError (`mlp.features:`) as `predict`.
   */
  features(x: Float32Array, rows: number): Float64Array {
    validateData('mlp.features', this.inputs, x, rows, this.inputs, true);
    const w = this.options.width;
    const out = new Float64Array(rows * w);
    this.ensureCapacity(Math.min(PREDICT_CHUNK, Math.max(rows, 1)));
    const last = this.hidden[this.options.layers - 1]!;
    for (let r0 = 0; r0 < rows; r0 += PREDICT_CHUNK) {
      const count = Math.min(PREDICT_CHUNK, rows - r0);
      this.forwardRows(x, r0, count);
      for (let i = 0; i < count * w; i++) out[r0 * w + i] = last[i]!;
    }
    return out;
  }

  /**
   * The live parameter buffers in order [W₀, b₀, W₁, b₁, …, W_L, b_L]; Wₗ is fan_in × fan_out,
   * row-major. Exposed for tests and serialisation; writing to them changes the network.
   */
  parameters(): FloatArray[] {
    const out: FloatArray[] = [];
    for (let l = 0; l < this.weights.length; l++) out.push(this.weights[l]!, this.biases[l]!);
    return out;
  }

  /**
   * Loss of all `rows` as one batch and its gradient for every parameter (same order as
   * `parameters()`), without updating anything. For gradient checks.
   * @throws RangeError as `fit`.
   */
  gradients(data: Dataset): LossGradient {
    const { x, y, rows, cols } = data;
    validateData('mlp.gradients', this.inputs, x, rows, cols);
    const order = new Int32Array(rows);
    for (let i = 0; i < rows; i++) order[i] = i;
    this.ensureCapacity(rows);
    const csr = this.backend.sparseInputs ? toCsr(x, rows, cols, SPARSE_DENSITY) : undefined;
    if (csr !== undefined) this.dWeights[0]!.fill(0);
    const loss = this.forwardBackward(x, y, order, 0, rows, csr);
    const grads: Float64Array[] = [];
    for (let l = 0; l < this.weights.length; l++) {
      grads.push(Float64Array.from(this.dWeights[l]!), Float64Array.from(this.dBiases[l]!));
    }
    if (csr !== undefined)
      clearSparseRows(this.dWeights[0]!, csr, order, 0, rows, this.options.width);
    return { loss, grads };
  }

  /** Grows the per-row work buffers to hold `rows` rows. */
  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    const { width, layers } = this.options;
    const b = this.backend;
    this.capacity = rows;
    this.hidden = [];
    for (let l = 0; l < layers; l++) this.hidden.push(b.alloc(rows * width));
    this.deltaA = b.alloc(rows * width);
    this.deltaB = b.alloc(rows * width);
    this.pred = b.alloc(rows);
    this.predGrad = b.alloc(rows);
    this.xBatch = undefined;
    this.xSets = undefined;
    const f = b.fused;
    this.activeSets = f === undefined ? [] : this.hidden.map(() => f.newActiveSets(rows, width));
  }

  /** Forward pass of rows [r0, r0 + count) of x into `hidden` and `pred` (no gradients). */
  private forwardRows(x: Float32Array, r0: number, count: number): void {
    const d = this.inputs;
    const w = this.options.width;
    const z0 = this.hidden[0]!;
    this.backend.matmul(
      x.subarray(r0 * d, (r0 + count) * d),
      this.weights[0]!,
      z0,
      count,
      d,
      w,
      false,
      false,
    );
    this.forwardFrom(count);
  }

  /** Layers after the first input product (already in hidden[0], before bias). */
  private forwardFrom(count: number): void {
    const { width: w, layers } = this.options;
    const b = this.backend;
    const f = b.fused;
    const H = this.hidden;
    b.addBias(H[0]!, this.biases[0]!, count, w);
    b.relu(H[0]!, count * w);
    if (f !== undefined) {
      const S = this.activeSets;
      f.findActive(H[0]!, count, w, S[0]!);
      for (let l = 1; l < layers; l++) {
        f.denseForward(
          H[l - 1]!,
          this.weights[l]!,
          this.biases[l]!,
          H[l]!,
          count,
          w,
          w,
          true,
          S[l - 1]!,
          S[l]!,
        );
      }
      f.denseForward(
        H[layers - 1]!,
        this.weights[layers]!,
        this.biases[layers]!,
        this.pred,
        count,
        w,
        1,
        false,
        S[layers - 1]!,
      );
      return;
    }
    for (let l = 1; l < layers; l++) {
      b.matmul(H[l - 1]!, this.weights[l]!, H[l]!, count, w, w, false, false);
      b.addBias(H[l]!, this.biases[l]!, count, w);
      b.relu(H[l]!, count * w);
    }
    b.matmul(H[layers - 1]!, this.weights[layers]!, this.pred, count, w, 1, false, false);
    b.addBias(this.pred, this.biases[layers]!, count, 1);
  }

  /** Forward and backward pass of one minibatch; fills dWeights/dBiases, returns the batch loss. */
  private forwardBackward(
    x: Float32Array,
    y: Float64Array,
    order: Int32Array,
    start: number,
    count: number,
    csr: Csr | undefined,
  ): number {
    const { width: w, layers } = this.options;
    const d = this.inputs;
    const b = this.backend;
    const H = this.hidden;
    // forward: first layer from the CSR rows or from a gathered dense batch
    let xb: FloatArray | undefined;
    if (csr !== undefined) {
      sparseForward(csr, order, start, count, this.weights[0]!, H[0]!, w);
    } else {
      if (this.xBatch === undefined) this.xBatch = b.alloc(this.capacity * d);
      xb = this.xBatch;
      for (let i = 0; i < count; i++) {
        const r = order[start + i]!;
        for (let j = 0; j < d; j++) xb[i * d + j] = x[r * d + j]!;
      }
      b.matmul(xb, this.weights[0]!, H[0]!, count, d, w, false, false);
    }
    this.forwardFrom(count);
    // loss: gradient with respect to the predictions
    const loss = batchLoss(
      this.options.loss,
      this.options.mapeLowerBound,
      this.pred,
      y,
      order,
      start,
      count,
      this.predGrad,
    );
    // backward: output layer, then hidden layers down to the first
    const f = b.fused;
    let delta = this.deltaA;
    let spare = this.deltaB;
    if (f !== undefined) {
      const dW = this.dWeights;
      const dB = this.dBiases;
      const S = this.activeSets;
      f.denseBackward(
        H[layers - 1]!,
        this.weights[layers]!,
        this.predGrad,
        dW[layers]!,
        dB[layers]!,
        delta,
        count,
        w,
        1,
        S[layers - 1]!,
      );
      for (let l = layers - 1; l >= 1; l--) {
        f.denseBackward(
          H[l - 1]!,
          this.weights[l]!,
          delta,
          dW[l]!,
          dB[l]!,
          spare,
          count,
          w,
          w,
          S[l - 1]!,
          S[l]!,
        );
        const t = delta;
        delta = spare;
        spare = t;
      }
      if (csr !== undefined) {
        b.columnSums(delta, count, w, dB[0]!);
        sparseWeightGrad(csr, order, start, count, delta, dW[0]!, w);
      } else {
        this.xSets ??= f.newActiveSets(this.capacity, d);
        f.findActive(xb!, count, d, this.xSets);
        f.denseBackward(
          xb!,
          this.weights[0]!,
          delta,
          dW[0]!,
          dB[0]!,
          undefined,
          count,
          d,
          w,
          this.xSets,
          S[0]!,
        );
      }
      return loss;
    }
    b.matmul(H[layers - 1]!, this.predGrad, this.dWeights[layers]!, w, count, 1, true, false);
    b.columnSums(this.predGrad, count, 1, this.dBiases[layers]!);
    b.matmul(this.predGrad, this.weights[layers]!, delta, count, 1, w, false, true);
    b.reluGrad(delta, H[layers - 1]!, count * w);
    for (let l = layers - 1; l >= 1; l--) {
      b.matmul(H[l - 1]!, delta, this.dWeights[l]!, w, count, w, true, false);
      b.columnSums(delta, count, w, this.dBiases[l]!);
      b.matmul(delta, this.weights[l]!, spare, count, w, w, false, true);
      b.reluGrad(spare, H[l - 1]!, count * w);
      const t = delta;
      delta = spare;
      spare = t;
    }
    b.columnSums(delta, count, w, this.dBiases[0]!);
    if (csr !== undefined) sparseWeightGrad(csr, order, start, count, delta, this.dWeights[0]!, w);
    else b.matmul(xb!, delta, this.dWeights[0]!, d, count, w, true, false);
    return loss;
  }

  /** One Adam step over every parameter (first-layer kernel: touched input rows only). */
  private adamStep(runs: Int32Array): void {
    const o = this.options;
    this.adamSteps++;
    const step = adamStepSize(o.learningRate, o.beta1, o.beta2, o.epsilon, this.adamSteps);
    const b = this.backend;
    for (let l = 0; l < this.weights.length; l++) {
      const mo = this.moments[l]!;
      const W = this.weights[l]!;
      if (l === 0) {
        for (let r = 0; r < runs.length; r += 2) {
          b.adamUpdate(W, this.dWeights[0]!, mo.mW, mo.vW, runs[r]!, runs[r + 1]!, step);
        }
      } else {
        b.adamUpdate(W, this.dWeights[l]!, mo.mW, mo.vW, 0, W.length, step);
      }
      b.adamUpdate(this.biases[l]!, this.dBiases[l]!, mo.mB, mo.vB, 0, this.fanOut[l]!, step);
    }
  }

  /** NaN debug mode: throws when the epoch loss or any weight is NaN or ±∞. */
  private checkFinite(epoch: number, loss: number): void {
    if (!Number.isFinite(loss))
      throw new Error(`mlp.fit: loss is ${loss} after epoch ${epoch + 1}`);
    for (let l = 0; l < this.weights.length; l++) {
      for (const [what, buf] of [
        ['kernel', this.weights[l]!],
        ['bias', this.biases[l]!],
      ] as const) {
        for (let i = 0; i < buf.length; i++) {
          if (!Number.isFinite(buf[i])) {
            throw new Error(
              `mlp.fit: layer ${l} ${what}[${i}] is ${buf[i]} after epoch ${epoch + 1}`,
            );
          }
        }
      }
    }
  }
}

/** Fisher–Yates shuffle of an index array in place. */
function shuffleInPlace(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/** True when env BANANAS_DEBUG_NAN is 1/true/yes (read only where `process` exists). */
function debugNanFromEnv(): boolean {
  const v = typeof process === 'undefined' ? undefined : process.env.BANANAS_DEBUG_NAN;
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}
