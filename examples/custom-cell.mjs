// A user-defined cell space (a small DAG of operations), searched with the ask/tell interface;
// the optimiser state is saved to JSON halfway and the search resumes from it.
// Run after `npm install bananas-ts`: node custom-cell.mjs
import { createCellSpace, createOptimizer, restoreOptimizer } from 'bananas-ts';

// 6 vertices (input, 4 operations, output), at most 7 edges, three operation types
const space = createCellSpace({
  name: 'my-cells',
  nodes: 6,
  ops: ['conv3', 'conv1', 'pool'],
  maxEdges: 7,
});

// stand-in objective: rewards conv3 on input→output paths and short cells (lower is better)
function evaluate(cell) {
  const x = space.encode(cell, 'path'); // path features: one per op sequence from input to output
  const convPaths = [1, 4, 13].filter((i) => x[i] === 1).length; // [conv3], [conv3,conv3], [conv3×3]
  const edges = cell.matrix.flat().reduce((a, b) => a + b, 0);
  return 10 - 2 * convPaths + 0.3 * edges;
}

let opt = createOptimizer('bananas', space, {
  seed: 1,
  budget: 40,
  options: { ensemble: { epochs: 60 } },
});
for (let i = 0; i < 20; i++) {
  const [cell] = await opt.ask();
  opt.tell(cell, evaluate(cell), { edges: cell.matrix.flat().reduce((a, b) => a + b, 0) });
}
const saved = JSON.stringify(opt.state()); // e.g. write it to a file or localStorage
opt = await restoreOptimizer(JSON.parse(saved), space);
const { best } = await opt.minimise(evaluate);
console.log(
  `best after ${opt.trials.length} evaluations: ${best.valError.toFixed(2)}`,
  space.serialize(best.arch),
);
