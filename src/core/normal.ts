// The standard normal distribution, shared by every acquisition function.

/** Standard normal density φ(x). */
export function stdNormalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal CDF Φ(x) = ½·erfc(−x/√2), with erfc from the Numerical-Recipes Chebyshev
 * fit (relative error < 1.2e-7 everywhere, no cancellation in the tails).
 */
export function stdNormalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  // Horner evaluation of the fit's polynomial in t, highest coefficient first
  const c = [
    0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418,
    0.37409196, 1.00002368, -1.26551223,
  ];
  let poly = 0;
  for (const ci of c) poly = poly * t + ci;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}
