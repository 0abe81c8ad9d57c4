// A user-defined categorical space and objective, minimised with BANANAS in a few lines.
// Run after `npm install bananas-ts`: node categorical.mjs
import { createCategoricalSpace, minimise } from 'bananas-ts';

const space = createCategoricalSpace({
  lr: [0.1, 0.03, 0.01, 0.003, 0.001],
  layers: [1, 2, 3, 4, 5, 6, 7, 8],
  activation: ['relu', 'gelu', 'tanh'],
  batchNorm: [true, false],
});

// stand-in for "train the model, return validation error in %" (best: lr 0.01, 5 layers, gelu, bn)
function validationError({ lr, layers, activation, batchNorm }) {
  const e = 5 + 4 * Math.abs(Math.log10(lr) + 2) + Math.abs(layers - 5) * 0.7;
  return e + (activation === 'gelu' ? 0 : 1.5) + (batchNorm ? 0 : 2);
}

const { best, trials } = await minimise(space, validationError, { budget: 40, seed: 7 });
console.log(
  `${trials.length} evaluations of ${space.size}; best ${best.valError.toFixed(2)} %`,
  best.arch,
);
