export { createCellSpace, type CellArch, type CellSpaceOptions } from './cell-space.js';
export {
  CELL_INPUT,
  CELL_OUTPUT,
  cellGraphHash,
  cellPathIndices,
  countEdges,
  pathFeatureCount,
  pruneCell,
  type CellGraph,
} from './cell-graph.js';
export { stringHash64 } from './string-hash.js';
