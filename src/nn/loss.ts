import type { FloatArray } from './backend/backend.js';
import type { LossName } from './types.js';

/**
 * Loss of one minibatch and its gradient with respect to the predictions.
 *
 * - 'mae': mean |ŷ − y| (Keras `mean_absolute_error`).
 * - 'mape': mean |(ŷ − b)/(y − b) − 1| with lower bound b (REFERENCE §1.8, b = 4.5 % error):
 *   the absolute error relative to the target's distance above the bound.
 * - 'mse': mean (ŷ − y)² (Keras `mean_squared_error`), gradient 2(ŷ − y)/n.
 *
 * The gradient of |u| at u = 0 is taken as 0 (TensorFlow's `sign`). Targets are read through
 * `order[start + i]`, so the caller's shuffled row order needs no copy of `y`.
 *
 * @param pred predictions of the batch (`count` values).
 * @param grad receives ∂loss/∂ŷᵢ, already divided by `count`.
 * @returns the batch's mean loss.
 */
export function batchLoss(
  loss: LossName,
  lowerBound: number,
  pred: FloatArray,
  y: Float64Array,
  order: Int32Array,
  start: number,
  count: number,
  grad: FloatArray,
): number {
  let sum = 0;
  if (loss === 'mae') {
    for (let i = 0; i < count; i++) {
      const d = pred[i]! - y[order[start + i]!]!;
      sum += Math.abs(d);
      grad[i] = Math.sign(d) / count;
    }
  } else if (loss === 'mse') {
    for (let i = 0; i < count; i++) {
      const d = pred[i]! - y[order[start + i]!]!;
      sum += d * d;
      grad[i] = (2 * d) / count;
    }
  } else {
    for (let i = 0; i < count; i++) {
      const scale = y[order[start + i]!]! - lowerBound;
      const d = (pred[i]! - lowerBound) / scale - 1;
      sum += Math.abs(d);
      grad[i] = Math.sign(d) / scale / count;
    }
  }
  return sum / count;
}
