import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { OutOfSpaceError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { padTo7 } from '../../src/space/nasbench101/adjacency-encoding.js';
import { hashModule } from '../../src/space/nasbench101/graph-hash.js';
import { md5Hex } from '../../src/space/nasbench101/md5.js';
import { rawMutation, sampleNb101 } from '../../src/space/nasbench101/mutate.js';
import { pathIndices } from '../../src/space/nasbench101/path-encoding.js';
import {
  createNb101Space,
  graphHash,
  nb101Space,
  prune,
  type Nb101Arch,
} from '../../src/space/nasbench101/space.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

const C3 = 'conv3x3-bn-relu';
const C1 = 'conv1x1-bn-relu';
const MP = 'maxpool3x3';
const nodeMd5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

// cell P of PITFALLS B03 = the README example of google-research/nasbench
const P: Nb101Arch = {
  matrix: [
    [0, 1, 1, 1, 0, 1, 0],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 1, 0, 0],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
  ],
  ops: ['input', C1, C3, C3, C3, MP, 'output'],
};
// cell Q of B03: P with interior vertices reordered (5,2,1,3,4)
const Q: Nb101Arch = {
  matrix: [
    [0, 1, 1, 1, 1, 0, 0],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 1, 0],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
  ],
  ops: ['input', MP, C3, C1, C3, C3, 'output'],
};
// the B06 / nasbench#23 cell (9 edges)
const B06: Nb101Arch = {
  matrix: [
    [0, 1, 1, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 1, 0],
    [0, 0, 0, 1, 0, 0, 0],
    [0, 0, 0, 0, 1, 0, 0],
    [0, 0, 0, 0, 0, 1, 0],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
  ],
  ops: ['input', C1, C3, MP, C3, C3, 'output'],
};
// B12 (b): a 5-vertex cell and its reference 7×7 padding
const SMALL: Nb101Arch = {
  matrix: [
    [0, 1, 1, 1, 1],
    [0, 0, 0, 1, 1],
    [0, 0, 0, 1, 1],
    [0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0],
  ],
  ops: ['input', MP, C3, C3, 'output'],
};
const SMALL_PADDED: Nb101Arch = {
  matrix: [
    [0, 1, 1, 1, 0, 0, 1],
    [0, 0, 0, 1, 0, 0, 1],
    [0, 0, 0, 1, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
  ],
  ops: ['input', MP, C3, C3, C3, C3, 'output'],
};

function chain(ops: string[]): Nb101Arch {
  const n = ops.length;
  const matrix = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => (c === r + 1 ? 1 : 0)),
  );
  return { matrix, ops };
}

function deepFreeze(a: Nb101Arch): Nb101Arch {
  a.matrix.forEach((r) => Object.freeze(r));
  Object.freeze(a.matrix);
  Object.freeze(a.ops);
  return Object.freeze(a);
}

// ---- MD5 ----

test('pure-TS md5 matches RFC 1321 vectors and node:crypto on arbitrary text', () => {
  assert.is(md5Hex(''), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.is(md5Hex('abc'), '900150983cd24fb0d6963f7d28e17f72');
  assert.is(
    md5Hex('The quick brown fox jumps over the lazy dog'),
    '9e107d9d372bb6826bd81d3542a419d6',
  );
  fc.assert(
    fc.property(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      (a, b) => md5Hex(a) === nodeMd5(a) && md5Hex(b) === nodeMd5(b),
    ),
    { seed: FC_SEED, numRuns: 300 },
  );
});

// ---- graph hash ----

test('graph hash reproduces the official test vectors (README cell, 3-vertex chain)', () => {
  // computed with R4's ModelSpec.hash_spec (REFERENCE §1.3)
  assert.is(graphHash(P), '28cfc7874f6d200472e1a9dcd8650aa0');
  assert.is(graphHash(chain(['input', C3, 'output'])), 'b49ac8c578b4561d79ac7087988f1c61');
  assert.is(graphHash(P, nodeMd5), '28cfc7874f6d200472e1a9dcd8650aa0');
});

test('B06: the nasbench#23 cell has hash 02e5a0247bbdcf2860b7e96f74961594', () => {
  assert.is(graphHash(B06), '02e5a0247bbdcf2860b7e96f74961594');
});

test('B01: a cell and its copy with a relabelled dead vertex share hash 4ca16478…', () => {
  const A: Nb101Arch = {
    matrix: [
      [0, 1, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 1, 0],
      [0, 0, 0, 1, 0, 0, 0],
      [0, 0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, C3, C3, C3, MP, 'output'],
  };
  const B: Nb101Arch = { matrix: A.matrix, ops: ['input', C3, C3, C3, C3, C1, 'output'] };

  assert.is(nb101Space.hash(A), '4ca16478292f51477fc21328d4a70ff1');
  assert.is(nb101Space.hash(B), '4ca16478292f51477fc21328d4a70ff1');
  assert.equal(prune(A), chain(['input', C3, C3, C3, C3, 'output']));
  // serialize keeps the raw cells (they differ in a dead vertex); the hash identifies them
  assert.is.not(nb101Space.serialize(A), nb101Space.serialize(B));
});

test('B03: isomorphs P and Q share hash 28cfc787… and path set {1,2,3,4}; adjacency encodings differ', () => {
  assert.is(nb101Space.hash(P), '28cfc7874f6d200472e1a9dcd8650aa0');
  assert.is(nb101Space.hash(Q), '28cfc7874f6d200472e1a9dcd8650aa0');
  assert.equal([...new Set(pathIndices(P))], [1, 2, 3, 4]);
  assert.equal(nb101Space.encode(P, 'path'), nb101Space.encode(Q, 'path'));
  assert.not.equal([...nb101Space.encode(P, 'adjacency')], [...nb101Space.encode(Q, 'adjacency')]);
});

test('B12: the 5-vertex cell and its 7×7 padding keep hash edb7648d…; mismatched sizes throw', () => {
  assert.is(graphHash(SMALL), 'edb7648dd596405eddc9a5c607b494a6');
  assert.is(graphHash(SMALL_PADDED), 'edb7648dd596405eddc9a5c607b494a6');
  assert.equal(padTo7(SMALL), SMALL_PADDED);

  // (a) 6×6 matrix with 7 ops: no silent truncation or padding
  const six = chain(['input', C3, C3, C3, C3, 'output']);
  expectThrows(
    () => nb101Space.validate({ matrix: six.matrix, ops: [...six.ops, 'output'] }),
    RangeError,
    /ops has 7 entries but the matrix is 6×6/,
  );
  expectThrows(
    () => nb101Space.parse(JSON.stringify({ matrix: six.matrix, ops: [...six.ops, 'output'] })),
    RangeError,
    /must match/,
  );

  // padding that leaves output at index 4 and appends fillers after it is invalid
  const wrongPad: Nb101Arch = {
    matrix: SMALL_PADDED.matrix.map((r) => r.slice()),
    ops: ['input', MP, C3, C3, 'output', C3, C3],
  };
  assert.is(nb101Space.isValid(wrongPad), false);
  expectThrows(
    () => nb101Space.validate(wrongPad),
    OutOfSpaceError,
    /'output' at vertex 4|last op/,
  );
});

test('graph hash is invariant under vertex relabelling (topological orders and any permutation)', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (seed, seed2) => {
      const rng = new Rng(seed);
      const cell = prune(sampleNb101(rng));
      const n = cell.matrix.length;
      const labels = [-1, ...cell.ops.slice(1, -1).map((o) => [C3, C1, MP].indexOf(o)), -2];
      const base = hashModule(cell.matrix, labels);

      // any permutation (the matrix need not stay upper triangular for hashModule)
      const perm = new Rng(seed2).shuffle([...Array(n).keys()]);
      const pm = perm.map((r) => perm.map((c) => cell.matrix[r]![c]!));
      if (
        hashModule(
          pm,
          perm.map((v) => labels[v]!),
        ) !== base
      )
        return false;

      // a random topological order keeps a valid upper-triangular cell
      const order: number[] = [];
      const indeg = cell.matrix[0]!.map((_, c) => cell.matrix.reduce((s, row) => s + row[c]!, 0));
      const r2 = new Rng(seed2 + 1);
      const ready = [0];
      while (ready.length > 0) {
        const v = ready.splice(r2.int(ready.length), 1)[0]!;
        order.push(v);
        for (let w = 0; w < n; w++) if (cell.matrix[v]![w] && --indeg[w]! === 0) ready.push(w);
      }
      const relabelled = {
        matrix: order.map((r) => order.map((c) => cell.matrix[r]![c]!)),
        ops: order.map((v) => cell.ops[v]!),
      };
      return graphHash(relabelled) === base && nb101Space.hash(relabelled) === base;
    }),
    { seed: FC_SEED, numRuns: 200 },
  );
});

test('ints, floats and booleans in the matrix give the same hash', () => {
  const asBool = P.matrix.map((r) => r.map((v) => v === 1));
  const asFloat = P.matrix.map((r) => r.map((v) => v * 1.0));
  assert.is(graphHash({ matrix: asBool, ops: P.ops }), '28cfc7874f6d200472e1a9dcd8650aa0');
  assert.is(graphHash({ matrix: asFloat, ops: P.ops }), '28cfc7874f6d200472e1a9dcd8650aa0');
  expectThrows(
    () => graphHash({ matrix: P.matrix.map((r) => r.map((v) => v * 0.5)), ops: P.ops }),
    TypeError,
    /expected 0 or 1/,
  );
});

test("identity 'path' is the reference sorted path-index key and collides for different graphs", () => {
  const space = createNb101Space({ identity: 'path' });
  assert.is(space.hash(P), 'path:1,2,3,4');
  // removing a live edge changes the path multiset
  const fewer = { matrix: P.matrix.map((r) => r.slice()), ops: P.ops };
  fewer.matrix[0]![5] = 0;
  fewer.matrix[5]![6] = 0;
  assert.is(space.hash(fewer), 'path:1,2,4');
  // non-isomorphic cells with the same path multiset collide under the path key (REFERENCE §1.3):
  // two conv3x3 branches merging into one conv1x1 vs each feeding its own conv1x1; both have
  // paths [conv3x3, conv1x1] twice → index 1 + 3·2 = 7, key 'path:7,7'
  const merged: Nb101Arch = {
    matrix: [
      [0, 1, 1, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, C3, C1, 'output'],
  };
  const split: Nb101Arch = {
    matrix: [
      [0, 1, 1, 0, 0, 0],
      [0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, C3, C1, C1, 'output'],
  };
  assert.is(space.hash(merged), 'path:7,7');
  assert.is(space.hash(split), 'path:7,7');
  assert.is.not(nb101Space.hash(merged), nb101Space.hash(split));
  expectThrows(() => createNb101Space({ identity: 'nope' as 'graph' }), Error, /identity must be/);
});

// ---- validity and pruning ----

test('validate names each way a cell can fail', () => {
  expectThrows(
    () => nb101Space.validate(null as unknown as Nb101Arch),
    TypeError,
    /expected an object/,
  );
  expectThrows(
    () => nb101Space.validate({ matrix: 'x', ops: [] } as unknown as Nb101Arch),
    TypeError,
    /matrix must be an array/,
  );
  expectThrows(
    () => nb101Space.validate({ matrix: [[0]], ops: ['input'] }),
    RangeError,
    /at least 2/,
  );
  expectThrows(
    () => nb101Space.validate({ matrix: [[0, 1], [0]], ops: ['input', 'output'] }),
    RangeError,
    /square/,
  );
  expectThrows(
    () =>
      nb101Space.validate({
        matrix: [
          [0, 1],
          [1, 0],
        ],
        ops: ['input', 'output'],
      }),
    RangeError,
    /upper triangular/,
  );
  expectThrows(
    () =>
      nb101Space.validate({
        matrix: [
          [0, 2],
          [0, 0],
        ],
        ops: ['input', 'output'],
      }),
    TypeError,
    /expected 0 or 1/,
  );
  const eight = chain(['input', C3, C3, C3, C3, C3, C3, 'output']);
  expectThrows(
    () => nb101Space.validate(eight),
    OutOfSpaceError,
    /8 vertices, NB101 allows at most 7/,
  );
  expectThrows(
    () => nb101Space.validate(chain(['output', C3, 'input'])),
    OutOfSpaceError,
    /first op must be 'input'/,
  );
  expectThrows(
    () =>
      nb101Space.validate({
        matrix: [
          [0, 0],
          [0, 0],
        ],
        ops: ['input', 'output'],
      }),
    OutOfSpaceError,
    /disconnected/,
  );
  // 10 edges after pruning: the full DAG on 5 vertices
  const dense = {
    matrix: Array.from({ length: 5 }, (_, r) => [0, 1, 2, 3, 4].map((c) => (c > r ? 1 : 0))),
    ops: ['input', C3, C3, C3, 'output'],
  };
  expectThrows(
    () => nb101Space.validate(dense),
    OutOfSpaceError,
    /10 edges after pruning, NB101 allows at most 9/,
  );
  assert.is(nb101Space.isValid(dense), false);
  assert.is(nb101Space.isValid(P), true);
});

test('edges are counted after pruning: 10 raw edges with a dead vertex are valid', () => {
  // live part input→1→2→output plus input→output and 1→output (5 edges); vertices 3, 4, 5
  // are fed from the input but lead nowhere (5 dead edges): 10 raw edges, 5 after pruning
  const m = Array.from({ length: 7 }, () => new Array<number>(7).fill(0));
  const live: Array<[number, number]> = [
    [0, 1],
    [1, 2],
    [2, 6],
    [0, 6],
    [1, 6],
  ];
  const dead: Array<[number, number]> = [
    [0, 3],
    [0, 4],
    [0, 5],
    [3, 4],
    [4, 5],
  ];
  const edges = [...live, ...dead];
  for (const [r, c] of edges) m[r]![c] = 1;
  const cell = { matrix: m, ops: ['input', C3, C1, MP, MP, MP, 'output'] };
  assert.is(nb101Space.isValid(cell), true);
  assert.is(prune(cell).matrix.length, 4);
});

test('B11: a foreign op (none) is rejected; sampled and mutated cells use only NB101 ops', () => {
  const bad = chain(['input', 'none', C3, C3, C3, C3, 'output']);
  assert.is(nb101Space.isValid(bad), false);
  expectThrows(
    () => nb101Space.validate(bad),
    OutOfSpaceError,
    /op 'none' at vertex 1 is not an NB101 op/,
  );
  expectThrows(
    () => nb101Space.validate(chain(['input', 'nor_conv_3x3', 'output'])),
    OutOfSpaceError,
    /nor_conv_3x3/,
  );

  const rng = new Rng(11);
  const allowed = new Set(['input', 'output', C3, C1, MP]);
  let cell = nb101Space.sample(rng);
  for (let i = 0; i < 5000; i++) {
    const s = nb101Space.sample(rng);
    cell = nb101Space.mutate(cell, rng);
    for (const op of [...s.ops, ...cell.ops]) {
      if (!allowed.has(op)) assert.unreachable(`foreign op ${op}`);
    }
  }
});

test('pruning is idempotent and keeps the hash; sample and mutate stay inside the space', () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const rng = new Rng(seed);
      const cell = nb101Space.sample(rng);
      const once = prune(cell);
      const child = nb101Space.mutate(cell, rng);
      return (
        JSON.stringify(prune(once)) === JSON.stringify(once) &&
        graphHash(once) === graphHash(cell) &&
        nb101Space.isValid(cell) &&
        nb101Space.isValid(child) &&
        cell.matrix.length === 7
      );
    }),
    { seed: FC_SEED, numRuns: 300 },
  );
});

test('mutate never modifies its input (frozen parent, small parent padded)', () => {
  const rng = new Rng(3);
  const parent = deepFreeze({ matrix: P.matrix.map((r) => r.slice()), ops: P.ops.slice() });
  const small = deepFreeze({ matrix: SMALL.matrix.map((r) => r.slice()), ops: SMALL.ops.slice() });
  for (let i = 0; i < 200; i++) {
    const a = nb101Space.mutate(parent, rng);
    const b = nb101Space.mutate(small, rng);
    assert.ok(nb101Space.isValid(a) && nb101Space.isValid(b));
    assert.is(b.matrix.length, 7);
  }
  assert.equal(parent.matrix, P.matrix);
  expectThrows(
    () => nb101Space.mutate(chain(['input', 'none', 'output']), rng),
    OutOfSpaceError,
    /none/,
  );
});

test('B09: raw BANANAS mutation makes 1.0 edge flips and 1.0 op changes on average', () => {
  // expected: 21 slots × 1/21 = 1.0 flips; 5 ops × 1/5 = 1.0 changes, a changed op never keeps
  // its value (otherwise the mean would be 2/3). 20,000 draws: std error ≈ 0.007.
  const rng = new Rng(2026);
  const base = padTo7(P);
  let flips = 0;
  let changes = 0;
  let sameHash = 0;
  let valid = 0;
  const parentHash = graphHash(P);
  const draws = 20000;
  for (let k = 0; k < draws; k++) {
    const child = rawMutation(base, rng, 1);
    for (let i = 0; i < 7; i++) {
      for (let j = i + 1; j < 7; j++) flips += child.matrix[i]![j] !== base.matrix[i]![j] ? 1 : 0;
    }
    for (let v = 1; v <= 5; v++) changes += child.ops[v] !== base.ops[v] ? 1 : 0;
    if (nb101Space.isValid(child)) {
      valid++;
      if (graphHash(child) === parentHash) sameHash++;
    }
  }
  expectClose(flips / draws, 1.0, 0.05, 'mean edge flips');
  expectClose(changes / draws, 1.0, 0.05, 'mean op changes');
  // the fraction of valid children isomorphic to the parent is well below one half (≈ 0.13):
  // mutation is a local change, not a random restart and not a no-op
  assert.ok(
    sameHash / valid > 0.05 && sameHash / valid < 0.3,
    `same-hash fraction ${sameHash / valid}`,
  );
});

test('neighbours: op changes on live vertices and single live edge flips, all valid', () => {
  const nb = nb101Space.neighbours(P);
  // ops: 5 live interior vertices × 2 = 10; edges: 7 live removals that stay valid + additions
  assert.is(
    nb.slice(0, 10).every((n) => JSON.stringify(n.matrix) === JSON.stringify(P.matrix)),
    true,
  );
  for (const n of nb) {
    assert.ok(nb101Space.isValid(n));
    let diff = 0;
    for (let i = 0; i < 7; i++) {
      for (let j = i + 1; j < 7; j++) diff += n.matrix[i]![j] !== P.matrix[i]![j] ? 1 : 0;
    }
    for (let v = 1; v <= 5; v++) diff += n.ops[v] !== P.ops[v] ? 1 : 0;
    assert.is(diff, 1);
  }
  // dead vertices get no op neighbours: the B01 cell A has 4 live interior vertices
  const A = {
    matrix: [
      [0, 1, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 1, 0],
      [0, 0, 0, 1, 0, 0, 0],
      [0, 0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, C3, C3, C3, MP, 'output'],
  };
  const sameMatrix = (n: Nb101Arch): boolean =>
    JSON.stringify(n.matrix) === JSON.stringify(A.matrix);

  const opNeighbours = nb101Space.neighbours(A).filter(sameMatrix);
  assert.is(opNeighbours.length, 8);
  // the dead edge 1→5 is never flipped alone (it is on no path before or after)
  assert.ok(nb101Space.neighbours(A).every((n) => n.matrix[1]![5] === 1));
});

// ---- encodings ----

test('B04: path encoding bit sets, length 364, unpruned = pruned, truncation drops index 46', () => {
  const bits = (a: Nb101Arch, enc = 'path'): number[] =>
    [...nb101Space.encode(a, enc)].flatMap((v, i) => (v ? [i] : []));
  assert.is(nb101Space.encodingLength('path'), 364);
  assert.is(nb101Space.encodingLength('trunc_path'), 40);
  assert.equal(bits(SMALL_PADDED), [0, 1, 3, 4, 6]); // (a)
  assert.equal(bits(SMALL), [0, 1, 3, 4, 6]);
  assert.equal(pathIndices(SMALL), [0, 1, 1, 3, 4, 6]); // [conv3x3] twice
  assert.equal(bits(P), [1, 2, 3, 4]); // (b)
  assert.equal(
    bits({
      matrix: [
        [0, 1],
        [0, 0],
      ],
      ops: ['input', 'output'],
    }),
    [0],
  ); // (c)
  assert.equal(bits(chain(['input', MP, MP, MP, MP, MP, 'output'])), [363]); // (d)
  assert.equal(bits(chain(['input', C3, C3, C3, C3, C3, 'output'])), [121]);
  assert.equal(bits(B06), [0, 1, 5, 46]); // (e)
  assert.equal(bits(B06, 'trunc_path'), [0, 1, 5]);
  // REFERENCE §1.4 worked examples
  assert.equal(pathIndices(chain(['input', C1, MP, 'output'])), [11]);
  assert.equal(pathIndices(chain(['input', MP, MP, 'output'])), [12]);
  // a truncCutoff of 0 means the default 40
  assert.is(createNb101Space({ truncCutoff: 0 }).encodingLength('trunc_path'), 40);
  assert.is(createNb101Space({ truncCutoff: 30 }).encode(B06, 'trunc_path').length, 30);
});

test('adjacency (26) and one-hot (36) encodings follow the reference layouts', () => {
  // P: 21 bits row-major, then ops reversed (slot 25 = vertex 1 = conv1x1 → 0, slots 24..22 =
  // conv3x3 → 0.5, slot 21 = vertex 5 = maxpool → 1)
  const edgeBits = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1];
  assert.equal([...nb101Space.encode(P, 'adjacency')], [...edgeBits, 1, 0.5, 0.5, 0.5, 0]);
  // one-hot per vertex 1..5: conv1x1 [0,0,1], conv3x3 [0,1,0] ×3, maxpool [1,0,0]
  assert.equal(
    [...nb101Space.encode(P, 'onehot')],
    [...edgeBits, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0],
  );
  // a small cell is padded to 7×7 first
  assert.equal(nb101Space.encode(SMALL, 'adjacency'), nb101Space.encode(SMALL_PADDED, 'adjacency'));
  assert.is(nb101Space.encodingLength('adjacency'), 26);
  assert.is(nb101Space.encodingLength('onehot'), 36);
  expectThrows(
    () => nb101Space.encode(P, 'adj'),
    Error,
    /unknown encoding 'adj'; valid: path, trunc_path, adjacency, onehot/,
  );
  expectThrows(() => nb101Space.encodingLength('gcn'), Error, /unknown encoding/);
});

test('every encoding has its fixed length on random cells', () => {
  const rng = new Rng(5);
  for (let i = 0; i < 300; i++) {
    const cell = i % 2 ? prune(nb101Space.sample(rng)) : nb101Space.sample(rng);
    for (const enc of nb101Space.encodings) {
      assert.is(nb101Space.encode(cell, enc).length, nb101Space.encodingLength(enc));
    }
  }
});

// ---- serialize / parse ----

test('serialize gives compact JSON of the cell as given; parse round-trips it exactly and rejects bad text', () => {
  const A = {
    matrix: [
      [0, 1, 0, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
    ops: ['input', C3, C1, 'output'],
  };
  // vertex 2 is dead (1→3 connects 1 to the output); it stays in the text, pruning is the hash's job
  const text = nb101Space.serialize(A);
  assert.is(
    text,
    '{"matrix":[[0,1,0,0],[0,0,1,1],[0,0,0,0],[0,0,0,0]],"ops":["input","conv3x3-bn-relu","conv1x1-bn-relu","output"]}',
  );
  assert.equal(nb101Space.parse(text), A);
  assert.is(nb101Space.hash(nb101Space.parse(text)), nb101Space.hash(A));
  assert.is(nb101Space.hash(nb101Space.parse(nb101Space.serialize(P))), nb101Space.hash(P));
  expectThrows(() => nb101Space.parse('{"matrix":'), TypeError, /not JSON/);
  expectThrows(() => nb101Space.parse('[1,2]'), TypeError, /expected \{"matrix"/);
  expectThrows(
    () => nb101Space.parse('{"ops":["input","output"]}'),
    TypeError,
    /matrix must be an array/,
  );
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const cell = nb101Space.sample(new Rng(seed));
      const back = nb101Space.parse(nb101Space.serialize(cell));
      return (
        nb101Space.hash(back) === nb101Space.hash(cell) &&
        JSON.stringify(back) === JSON.stringify(cell)
      );
    }),
    { seed: FC_SEED, numRuns: 100 },
  );
});

test.run();
