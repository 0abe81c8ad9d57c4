export {
  createOptimizer,
  minimise,
  restoreOptimizer,
  OPTIMIZER_STATE_SCHEMA,
  OPTIMIZER_STATE_VERSION,
  type AskTellOptimizer,
  type CreateOptimizerOptions,
  type MinimiseResult,
  type Objective,
  type ObjectiveResult,
  type OptimizerState,
  type Trial,
} from './optimizer.js';
export type { JsonObject, JsonValue } from './json.js';
