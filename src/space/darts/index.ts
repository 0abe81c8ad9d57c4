export {
  DARTS_CELLS,
  DARTS_EDGES,
  DARTS_NODES,
  DARTS_OPS,
  NB301_OPS,
  type DartsArch,
  type DartsCell,
  type DartsEdge,
} from './constants.js';
export {
  dartsAdjacencyEncoding,
  dartsPathBlock,
  dartsPathIndices,
  dartsPathLength,
} from './encodings.js';
export { parseNb301Records, type Nb301Record } from './nb301-records.js';
export {
  createDartsSpace,
  dartsSpace,
  nb301Space,
  type DartsHash,
  type DartsSpace,
  type DartsSpaceOptions,
} from './space.js';
