export {
  createCategoricalSpace,
  type CategoricalArch,
  type CategoricalChoices,
  type CategoricalSpace,
  type CategoricalSpaceOptions,
  type CategoricalValue,
} from './categorical-space.js';
