import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createOptimizer, minimise } from '../../src/api/optimizer.js';
import type { JsonObject } from '../../src/api/json.js';
import { ConfigError } from '../../src/core/errors.js';
import { algorithms } from '../../src/search/registry.js';
import { createCategoricalSpace } from '../../src/space/categorical/categorical-space.js';
import { expectThrows } from '../helpers.js';

// a user's categorical space: no 'adjacency', 'path' or 'trunc_path' encoding
const space = createCategoricalSpace({
  lr: [0.1, 0.01, 0.001],
  depth: [1, 2, 3, 4],
  act: ['relu', 'gelu'],
});
type Arch = ReturnType<typeof space.sample>;
// optimum 0 at lr 0.01, depth 3, relu (1 of 24 cells)
const f = (a: Arch): number =>
  Math.abs(Math.log10(a.lr) + 2) + Math.abs(a.depth - 3) + (a.act === 'relu' ? 0 : 1);

for (const entry of algorithms()) {
  test(`${entry.name} runs on a user's categorical space with its default options`, async () => {
    const options: JsonObject =
      entry.name === 'dngo'
        ? { net: { epochs: 20 } }
        : entry.name === 'bananas'
          ? { ensemble: { size: 2, epochs: 20 } }
          : {};
    const r = await minimise(space, f, { budget: 20, algorithm: entry.name, seed: 1, options });
    assert.is(r.trials.length, 20);
    // evolution re-queries duplicate children, as the reference does (PITFALLS B01, --dedupe)
    if (entry.name !== 'evolution') {
      assert.is(new Set(r.trials.map((t) => t.hash)).size, 20, 'no cell twice');
    }
    // 6 of the 24 cells score ≤ 1; with 20 distinct cells visited at least two of them are found
    assert.ok(r.best!.valError <= 1, `best ${r.best!.valError}`);
  });
}

test('minimise without a budget, a misspelt option and a fractional or negative seed are refused', async () => {
  await minimise(space, f, undefined as never).then(
    () => assert.unreachable('should throw'),
    (e: Error) =>
      assert.ok(e instanceof ConfigError && /pass \{ budget \}/.test(e.message), e.message),
  );
  expectThrows(
    () => createOptimizer('bananas', space, { options: { acquisiton: 'its' } }),
    ConfigError,
    /bananas has no option 'acquisiton'; valid: .*acquisition/,
  );
  expectThrows(
    () => createOptimizer('random', space, { seed: 2.5 }),
    ConfigError,
    /seed must be a non-negative integer, got 2\.5/,
  );
  expectThrows(
    () => createOptimizer('random', space, { seed: -1 }),
    ConfigError,
    /non-negative integer/,
  );
});

test.run();
