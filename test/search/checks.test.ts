import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../src/core/rng.js';
import { algorithms } from '../../src/search/registry.js';
import type { OptimizerContext } from '../../src/search/types.js';
import { nb201Space, type Nb201Arch } from '../../src/space/nasbench201/space.js';

// Every registered searcher checks its public boundary the same way.
const cell: Nb201Arch = Array(6).fill('nor_conv_3x3');
for (const entry of algorithms()) {
  test(`${entry.name}: rejects a missing space, a bad remaining budget and a non-numeric error`, async () => {
    assert.throws(
      () =>
        entry.create(
          { rng: new Rng(0) } as unknown as OptimizerContext<Nb201Arch>,
          entry.resolve({}),
        ),
      /no search space/,
    );
    const opt = entry.create({ space: nb201Space, rng: new Rng(0) }, entry.resolve({}));
    for (const bad of [-1, NaN, 2.5]) {
      await opt.ask(bad).then(
        () => assert.unreachable(`ask(${bad}) should throw`),
        (e: Error) => assert.match(e.message, /remaining budget must be a non-negative integer/),
      );
    }
    assert.throws(
      () => opt.tell(cell, '5' as unknown as number),
      /must be a number, got string "5"/,
    );
    assert.throws(() => opt.tell(cell, Infinity), /must be finite/);
  });
}

test.run();
