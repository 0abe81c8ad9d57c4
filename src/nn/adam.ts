import type { AdamStep } from './backend/backend.js';

/**
 * The scalars of Adam step `t` (1-based) as TensorFlow/Keras apply them: the bias corrections
 * are folded into the step size, αₜ = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ), and ε is added to √vₜ of the
 * *uncorrected* second moment ("ε hat" of Kingma & Ba, just before their §2.1):
 * θ ← θ − αₜ · mₜ / (√vₜ + ε).
 *
 * This differs from Algorithm 1 of the paper (and PyTorch), which divides by √v̂ₜ + ε with
 * v̂ₜ = vₜ / (1 − β₂ᵗ); the two agree except when √v is comparable to ε. We follow Keras because
 * the reference trained its networks with TF Keras (REFERENCE §1.8).
 *
 * @throws RangeError when `t` is not a positive integer.
 */
export function adamStepSize(
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  t: number,
): AdamStep {
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`adamStepSize: t must be ≥ 1, got ${t}`);
  const stepSize = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
  return { stepSize, beta1, beta2, epsilon };
}
