import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import type { SearchSpace } from '../../src/space/types.js';
import { createLocalSearch, type LocalSearchOptions } from '../../src/search/local.js';
import type { Optimizer } from '../../src/search/types.js';
import { expectThrows } from '../helpers.js';
import { nb201Space, type Nb201Arch } from '../../src/space/nasbench201/space.js';

type Pt = readonly [number, number];

// A toy space: points of an n × n grid, neighbours = the 4 axis moves that stay inside.
function gridSpace(n: number): SearchSpace<Pt> {
  const key = (p: Pt): string => `${p[0]},${p[1]}`;
  return {
    name: 'grid',
    sample: (rng) => [rng.int(n), rng.int(n)],
    mutate: (p, rng) => rng.pick(gridNeighbours(p, n)),
    neighbours: (p) => gridNeighbours(p, n),
    hash: key,
    isValid: (p) => p[0] >= 0 && p[0] < n && p[1] >= 0 && p[1] < n,
    validate: () => undefined,
    encodings: ['xy'],
    encodingLength: () => 2,
    encode: (p) => Float32Array.of(p[0], p[1]),
    serialize: key,
    parse: (t) => t.split(',').map(Number) as unknown as Pt,
  };
}

function gridNeighbours(p: Pt, n: number): Pt[] {
  const out: Pt[] = [];
  for (const [dx, dy] of [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ] as const) {
    const q: Pt = [p[0] + dx, p[1] + dy];
    if (q[0] >= 0 && q[0] < n && q[1] >= 0 && q[1] < n) out.push(q);
  }
  return out;
}

const isNeighbour = (a: Pt, b: Pt): boolean => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) === 1;

// drives an optimiser for `budget` queries against f; returns the queried points and values
async function drive(
  opt: Optimizer<Pt>,
  f: (p: Pt) => number,
  budget: number,
): Promise<Array<{ p: Pt; v: number }>> {
  const out: Array<{ p: Pt; v: number }> = [];
  while (out.length < budget) {
    const batch = await opt.ask(budget - out.length);
    if (batch.length === 0) break;
    for (const p of batch) {
      const v = f(p);
      opt.tell(p, v);
      out.push({ p, v });
    }
  }
  return out;
}

const bowl = (p: Pt): number => (p[0] - 12) ** 2 + (p[1] - 7) ** 2;

function run(
  opts: Partial<LocalSearchOptions>,
  f = bowl,
  budget = 150,
  n = 20,
  seed = 1,
): Promise<Array<{ p: Pt; v: number }>> {
  return drive(createLocalSearch({ space: gridSpace(n), rng: new Rng(seed) }, opts), f, budget);
}

test('B01: never queries an architecture twice and counts every query', async () => {
  for (const seed of [1, 2, 3]) {
    const q = await run({}, bowl, 150, 20, seed);
    assert.is(q.length, 150);
    assert.is(new Set(q.map((r) => r.p.join(','))).size, 150);
  }
});

test('starts from the best of 10 random points and climbs by first improvement', async () => {
  const q = await run({});
  // the first 10 are the random start; the 11th query is a neighbour of the best of them
  const start = q.slice(0, 10).reduce((a, b) => (b.v < a.v ? b : a));
  assert.ok(isNeighbour(q[10]!.p, start.p), `${q[10]!.p} is not next to ${start.p}`);
  // first improvement: replay the rule. The current point changes to a queried neighbour as soon
  // as that neighbour beats it, and every later query (until a restart) is next to the current point
  let current = start;
  for (let i = 10; i < q.length && current.v > 0; i++) {
    assert.ok(
      isNeighbour(q[i]!.p, current.p),
      `query ${i} ${q[i]!.p} not next to current ${current.p}`,
    );
    if (q[i]!.v < current.v) current = q[i]!;
  }
  // the bowl has one minimum, which hill climbing reaches
  assert.ok(
    q.some((r) => r.v === 0),
    'the minimum (12, 7) was never queried',
  );
});

test('at a local minimum it queries the rest of the neighbourhood, then restarts with 10 random points', async () => {
  const q = await run({}, bowl, 150);
  const iMin = q.findIndex((r) => r.v === 0);
  // after reaching (12, 7) the search scans (12, 7)'s unqueried neighbours (all worse) ...
  let i = iMin + 1;
  while (i < q.length && isNeighbour(q[i]!.p, [12, 7])) i++;
  const scanned = i - iMin - 1;
  assert.ok(scanned >= 1 && scanned <= 4, `scanned ${scanned}`);
  // ... then the 10 queries of the restart, the best of which the next query is next to
  const restart = q.slice(i, i + 10);
  assert.is(restart.length, 10);
  const best = restart.reduce((a, b) => (b.v < a.v ? b : a));
  assert.ok(
    isNeighbour(q[i + 10]!.p, best.p),
    'the climb after the restart starts from the best restart point',
  );
});

test('queryFullNeighbourhood scans every unqueried neighbour before moving to the best', async () => {
  const q = await run({ queryFullNeighbourhood: true }, bowl, 60);
  const start = q.slice(0, 10).reduce((a, b) => (b.v < a.v ? b : a));
  const seen = new Set(q.slice(0, 10).map((r) => r.p.join(',')));
  const expect = gridNeighbours(start.p, 20).filter((p) => !seen.has(p.join(',')));
  const firstScan = q.slice(10, 10 + expect.length);
  assert.equal(
    new Set(firstScan.map((r) => r.p.join(','))),
    new Set(expect.map((p) => p.join(','))),
  );
  // the next scan is around the best of the first scan
  const best = firstScan.reduce((a, b) => (b.v < a.v ? b : a));
  assert.ok(isNeighbour(q[10 + expect.length]!.p, best.p));
});

test('stopAtMinimum false continues from the best unexpanded point instead of restarting', async () => {
  // every query after the first 10 must be next to an earlier query: there is no random restart
  const q = await run({ stopAtMinimum: false }, bowl, 150);
  for (let i = 10; i < q.length; i++) {
    assert.ok(
      q.slice(0, i).some((r) => isNeighbour(r.p, q[i]!.p)),
      `query ${i} ${q[i]!.p} is a jump`,
    );
  }
  assert.is(new Set(q.map((r) => r.p.join(','))).size, q.length);
});

test('reports the space exhausted with an empty batch', async () => {
  // a 3 × 3 grid holds 9 points; a budget of 20 stops after 9 queries
  for (const opts of [{}, { stopAtMinimum: false }, { queryFullNeighbourhood: true }]) {
    const q = await run(opts, bowl, 20, 3);
    assert.is(q.length, 9);
  }
});

test('rejects bad options and out-of-order ask/tell', async () => {
  const space = gridSpace(5);
  expectThrows(
    () => createLocalSearch({ space, rng: new Rng(0) }, { initialSamples: 0 }),
    ConfigError,
    /initialSamples must be a positive integer/,
  );
  expectThrows(
    () =>
      createLocalSearch({ space, rng: new Rng(0) }, { stopAtMinimum: 'yes' as unknown as boolean }),
    ConfigError,
    /stopAtMinimum must be true or false/,
  );
  const opt = createLocalSearch({ space, rng: new Rng(0) });
  const [a] = await opt.ask(10);
  expectThrows(() => opt.tell([9, 9], 1), Error, /9,9 is not the architecture awaiting its result/);
  expectThrows(() => opt.tell(a!, NaN), RangeError, /must be finite/);
  let caught: unknown;
  await opt.ask(10).catch((e) => (caught = e));
  assert.match(String(caught), /was not told yet/);
});

test('on the NB201 space it climbs to the optimum of an edge-wise objective', async () => {
  // objective: edges that differ from a target cell. Any cell but the target has a neighbour one
  // better (fix one wrong edge), so first improvement needs at most 6 moves, each scanning at
  // most 24 neighbours: the target is found well inside 150 queries
  const target: Nb201Arch = [
    'nor_conv_3x3',
    'skip_connect',
    'none',
    'nor_conv_1x1',
    'avg_pool_3x3',
    'nor_conv_3x3',
  ];
  const obj = (a: Nb201Arch): number => a.reduce((s, op, i) => s + (op !== target[i] ? 1 : 0), 0);
  for (const seed of [1, 2, 3]) {
    const opt = createLocalSearch({ space: nb201Space, rng: new Rng(seed) });
    const seen = new Set<string>();
    let best = Infinity;
    while (seen.size < 150 && best > 0) {
      for (const a of await opt.ask(150 - seen.size)) {
        const v = obj(a);
        opt.tell(a, v);
        seen.add(nb201Space.hash(a));
        best = Math.min(best, v);
      }
    }
    assert.is(best, 0, `seed ${seed}`);
  }
});

test.run();
