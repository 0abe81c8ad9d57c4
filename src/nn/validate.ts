// Input and option checks of the meta network, shared by `Mlp` and the ensemble.
import { ConfigError } from '../core/errors.js';
import type { MetaNetOptions } from './types.js';

/** Shared shape/finiteness checks of `fit`, `predict`, `features`, `gradients`. */
export function validateData(
  api: string,
  inputs: number,
  x: Float32Array,
  rows: number,
  cols: number,
  allowEmpty = false,
): void {
  if (cols !== inputs)
    throw new RangeError(`${api}: x has ${cols} columns, the network expects ${inputs}`);
  if (!Number.isInteger(rows) || rows < (allowEmpty ? 0 : 1)) {
    throw new RangeError(
      `${api}: rows is ${rows}; need ${allowEmpty ? 'a non-negative integer' : 'at least one training row'}`,
    );
  }
  if (x.length !== rows * cols) {
    throw new RangeError(
      `${api}: x has length ${x.length}, expected rows × cols = ${rows} × ${cols} = ${rows * cols}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(
        `${api}: x[row ${Math.floor(i / cols)}, column ${i % cols}] is ${x[i]}; inputs must be finite`,
      );
    }
  }
}

/** Checks every option of a meta network; `api` prefixes the message. */
export function validateOptions(api: string, inputs: number, o: MetaNetOptions): void {
  const posInt = (name: string, v: number): void => {
    if (!Number.isInteger(v) || v < 1)
      throw new ConfigError(`${api}: ${name} must be a positive integer, got ${v}`);
  };
  posInt('inputs', inputs);
  posInt('layers', o.layers);
  posInt('width', o.width);
  posInt('batchSize', o.batchSize);
  if (!Number.isInteger(o.epochs) || o.epochs < 0) {
    throw new ConfigError(`${api}: epochs must be a non-negative integer, got ${o.epochs}`);
  }
  if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) {
    throw new ConfigError(`${api}: learningRate must be a positive number, got ${o.learningRate}`);
  }
  for (const [name, v] of [
    ['beta1', o.beta1],
    ['beta2', o.beta2],
  ] as const) {
    if (!(v >= 0 && v < 1)) throw new ConfigError(`${api}: ${name} must lie in [0, 1), got ${v}`);
  }
  if (!(o.epsilon >= 0) || !Number.isFinite(o.epsilon)) {
    throw new ConfigError(`${api}: epsilon must be a non-negative number, got ${o.epsilon}`);
  }
  if (o.loss !== 'mae' && o.loss !== 'mape' && o.loss !== 'mse') {
    throw new ConfigError(`${api}: loss must be 'mae', 'mape' or 'mse', got '${String(o.loss)}'`);
  }
  if (!Number.isFinite(o.mapeLowerBound)) {
    throw new ConfigError(`${api}: mapeLowerBound must be finite, got ${o.mapeLowerBound}`);
  }
  if (o.precision !== undefined && o.precision !== 'float32' && o.precision !== 'float64') {
    throw new ConfigError(
      `${api}: precision must be 'float32' or 'float64', got '${String(o.precision)}'`,
    );
  }
}
