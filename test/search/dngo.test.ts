import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { createDngo, type DngoOptions } from '../../src/search/dngo.js';
import { nb201Space, type Nb201Arch } from '../../src/space/nasbench201/space.js';
import { expectThrows } from '../helpers.js';

// synthetic objective: edges differing from a hidden target cell
const TARGET: Nb201Arch = [
  'nor_conv_3x3',
  'skip_connect',
  'nor_conv_1x1',
  'nor_conv_3x3',
  'avg_pool_3x3',
  'nor_conv_3x3',
];
const f = (a: Nb201Arch): number => a.reduce((s, op, i) => s + (op !== TARGET[i] ? 1 : 0), 0);

async function run(opts: Partial<DngoOptions>, budget: number, seed: number) {
  const opt = createDngo({ space: nb201Space, rng: new Rng(seed) }, opts);
  const out: Array<{ a: Nb201Arch; v: number }> = [];
  const batches: number[] = [];
  while (out.length < budget) {
    const as = await opt.ask(budget - out.length);
    if (as.length === 0) break;
    batches.push(as.length);
    for (const a of as) {
      const v = f(a);
      opt.tell(a, v);
      out.push({ a, v });
    }
  }
  return { out, batches };
}

test('20 random points, then batches of 10 new architectures', async () => {
  const { out, batches } = await run({}, 50, 1);
  assert.equal(batches, [20, 10, 10, 10]);
  assert.is(new Set(out.map((r) => nb201Space.hash(r.a))).size, 50);
});

test('each acquisition beats random sampling on a smooth objective', async () => {
  // within 1 edit of the target lie 1 + 6·4 = 25 cells, within 2 edits 25 + 15·16 = 265; 60
  // uniform draws reach them with probability 1 − (1 − 25/15625)^60 ≈ 9 % and
  // 1 − (1 − 265/15625)^60 ≈ 64 %. Every acquisition gets within 2, the default UCB within 1
  for (const acquisition of ['ucb', 'ei', 'its'] as const) {
    const { out } = await run({ acquisition }, 60, 2);
    const best = Math.min(...out.map((r) => r.v));
    assert.ok(best <= (acquisition === 'ucb' ? 1 : 2), `${acquisition}: best ${best}`);
  }
});

test('rejects bad options', () => {
  const ctx = { space: nb201Space, rng: new Rng(0) };
  expectThrows(
    () => createDngo(ctx, { acquisition: 'pi' as never }),
    ConfigError,
    /unknown acquisition 'pi'; valid: ucb, ei, its/,
  );
  expectThrows(() => createDngo(ctx, { encoding: 'graph' }), ConfigError, /no encoding 'graph'/);
  expectThrows(
    () => createDngo(ctx, { batchSize: 0 }),
    ConfigError,
    /batchSize must be a positive integer/,
  );
  expectThrows(() => createDngo(ctx, {}).tell(TARGET, NaN), RangeError, /must be finite/);
});

test.run();
