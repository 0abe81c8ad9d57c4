import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ConfigError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import {
  NB201_EDGES,
  NB201_OPS,
  nb201ArchString,
  nb201EdgePosition,
  nb201FromNaslib,
  nb201FromNatsMatrix,
  nb201FromNaszillaNumber,
  nb201HasLiveRoute,
  nb201NaszillaNumber,
  nb201Neighbours,
  nb201OpIndex,
  nb201OpName,
  nb201PathEncoding,
  nb201PathIndices,
  nb201Space,
  nb201ToNaslib,
  nb201ToNatsMatrix,
  nb201TruncatedPathEncoding,
  type Nb201Arch,
  type Nb201Op,
} from '../../src/space/nasbench201/space.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

const S = nb201Space;
const c3 = 'nor_conv_3x3';
const c1 = 'nor_conv_1x1';
const sk = 'skip_connect';
const no = 'none';
const ap = 'avg_pool_3x3';

// strings from PITFALLS B13/B14 (official indices 284, 0, 1651)
const ARCH_284 = `|${sk}~0|+|${sk}~0|${sk}~1|+|${no}~0|${c1}~1|${no}~2|`;
const ARCH_0 = `|${ap}~0|+|${c1}~0|${sk}~1|+|${c1}~0|${sk}~1|${sk}~2|`;
const ALL_NONE = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';

const arbArch: fc.Arbitrary<Nb201Arch> = fc.array(fc.constantFrom(...NB201_OPS), {
  minLength: 6,
  maxLength: 6,
});

function ones(v: Float32Array): number[] {
  const out: number[] = [];
  v.forEach((x, i) => {
    if (x !== 0) out.push(i);
  });
  return out;
}

function diffCount(a: Nb201Arch, b: Nb201Arch): number {
  let d = 0;
  for (let e = 0; e < 6; e++) if (a[e] !== b[e]) d++;
  return d;
}

// ---- constants and op ids ----

test('op order is the naszilla alphabetical order and edges follow the arch string', () => {
  assert.equal([...NB201_OPS], [ap, c1, c3, no, sk]);
  assert.equal(
    NB201_EDGES.map((e) => [...e]),
    [
      [0, 1],
      [0, 2],
      [1, 2],
      [0, 3],
      [1, 3],
      [2, 3],
    ],
  );
  assert.is(nb201OpIndex('none'), 3);
  assert.is(nb201OpName(4), 'skip_connect');
  assert.is(nb201EdgePosition(1, 2), 2);
  assert.is(nb201EdgePosition(2, 1), -1);
  expectThrows(() => nb201OpIndex('conv'), TypeError, /unknown op "conv"/);
  expectThrows(() => nb201OpName(5), RangeError, /0\.\.4, got 5/);
});

// ---- serialize / parse ----

test('serialize writes the canonical arch string (index 284 from B13)', () => {
  assert.is(S.serialize([sk, sk, sk, no, c1, no]), ARCH_284);
  assert.is(S.hash([sk, sk, sk, no, c1, no]), ARCH_284);
});

test('parse reads the arch string back in edge order', () => {
  assert.equal(S.parse(ARCH_0), [ap, c1, sk, c1, sk, sk]);
});

test('B15: whitespace, a trailing newline and swapped inputs canonicalise to the all-none cell', () => {
  const variants = [
    ' ' + ALL_NONE,
    ALL_NONE + '\n',
    '|none~0|+|none~1|none~0|+|none~0|none~1|none~2|',
    '|none~0|+|none~0|none~1|+|none~2|none~0|none~1|',
  ];
  for (const v of variants) assert.is(S.serialize(S.parse(v)), ALL_NONE, JSON.stringify(v));
});

test('B15: swapped inputs of a mixed cell land on the right edges', () => {
  const swapped = `|${sk}~0|+|${sk}~1|${sk}~0|+|${no}~2|${c1}~1|${no}~0|`;
  assert.is(S.serialize(S.parse(swapped)), ARCH_284);
});

test('B15: missing outer pipes are an error naming the group', () => {
  expectThrows(
    () => S.parse('none~0|+|none~0|none~1|+|none~0|none~1|none~2'),
    SyntaxError,
    /group 1 "none~0\|" must start and end with '\|'/,
  );
});

test('B15: a source index out of range is an error naming the token', () => {
  expectThrows(
    () => S.parse('|none~3|+|none~0|none~1|+|none~0|none~1|none~2|'),
    SyntaxError,
    /source node 3 out of range for node 1 \(expected 0\.\.0\) in token "none~3"/,
  );
});

test('parse rejects an unknown op, naming it', () => {
  expectThrows(
    () => S.parse('|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|'),
    SyntaxError,
    /unknown op "conv_5x5" in token "conv_5x5~0"/,
  );
});

test('parse rejects a wrong number of groups', () => {
  expectThrows(
    () => S.parse('|none~0|+|none~0|none~1|'),
    SyntaxError,
    /expected 3 node groups separated by '\+', found 2/,
  );
});

test('parse rejects a wrong number of edges in a group', () => {
  expectThrows(
    () => S.parse('|none~0|+|none~0|+|none~0|none~1|none~2|'),
    SyntaxError,
    /node 2 needs 2 input edge\(s\), found 1 in "\|none~0\|"/,
  );
});

test('parse rejects a repeated source', () => {
  expectThrows(
    () => S.parse('|none~0|+|none~0|none~0|+|none~0|none~1|none~2|'),
    SyntaxError,
    /node 2 lists source 0 twice/,
  );
});

test('parse rejects a token without ~, a non-numeric source, an empty string', () => {
  expectThrows(
    () => S.parse('|none|+|none~0|none~1|+|none~0|none~1|none~2|'),
    SyntaxError,
    /token "none" of node 1 is not 'op~source'/,
  );
  expectThrows(
    () => S.parse('|none~x|+|none~0|none~1|+|none~0|none~1|none~2|'),
    SyntaxError,
    /source "x" in token "none~x" is not a node number/,
  );
  expectThrows(() => S.parse('  \n'), SyntaxError, /empty arch string/);
});

test('parse(serialize(a)) round-trips for every arch', () => {
  fc.assert(
    fc.property(arbArch, (a) => {
      assert.equal(S.parse(S.serialize(a)), [...a]);
    }),
    { seed: FC_SEED, numRuns: 300 },
  );
});

// ---- validate ----

test('validate: wrong length is a RangeError, an unknown op a TypeError, all-none is valid (B13)', () => {
  expectThrows(
    () => S.validate([sk, sk, sk, no, c1] as Nb201Arch),
    RangeError,
    /expected 6 ops.*got 5/,
  );
  expectThrows(
    () => S.validate([sk, sk, 'conv' as Nb201Op, no, c1, no]),
    TypeError,
    /unknown op "conv" at edge 2 \(1→2\)/,
  );
  expectThrows(() => S.validate('abc' as unknown as Nb201Arch), TypeError, /expected an array/);
  assert.ok(S.isValid(S.parse(ALL_NONE)));
  assert.not.ok(S.isValid([sk] as Nb201Arch));
});

// ---- sample / mutate / neighbours ----

test('sample covers every op on every edge about uniformly (n = 5000)', () => {
  // each (edge, op) cell has p = 0.2; s.e. of a share over 5000 draws = sqrt(.16/5000) ≈ 0.0057
  const rng = new Rng(11);
  const counts = NB201_EDGES.map(() => new Array(5).fill(0) as number[]);
  for (let i = 0; i < 5000; i++) {
    const a = S.sample(rng);
    S.validate(a);
    a.forEach((op, e) => counts[e]![nb201OpIndex(op)]!++);
  }
  for (const row of counts) for (const c of row) expectClose(c / 5000, 0.2, 0.03, 'op share');
});

test('B29: mutate at rate 1 changes each edge w.p. 1/4 and leaves the cell unchanged 17.8 % of the time', () => {
  // P(no change) = 0.75^6 = 0.1780; mean changed edges = 6 · 0.25 = 1.5. n = 20000:
  // s.e. of the no-op share = sqrt(.178·.822/20000) ≈ 0.0027,
  // s.e. of the mean ≈ 1.06/141 ≈ 0.0075
  const rng = new Rng(5);
  const parent: Nb201Arch = [c3, c3, c3, sk, sk, sk];
  let same = 0;
  let changed = 0;
  for (let i = 0; i < 20000; i++) {
    const d = diffCount(parent, S.mutate(parent, rng));
    if (d === 0) same++;
    changed += d;
  }
  expectClose(same / 20000, 0.75 ** 6, 0.012, 'no-op share');
  expectClose(changed / 20000, 1.5, 0.035, 'mean changed edges');
});

test('mutate at rate 2 changes each edge w.p. 1/2; rate 0 never changes; a negative rate is an error', () => {
  const rng = new Rng(6);
  const parent: Nb201Arch = [no, no, no, no, no, no];
  let changed = 0;
  for (let i = 0; i < 5000; i++) changed += diffCount(parent, S.mutate(parent, rng, { rate: 2 }));
  // mean 3, s.e. sqrt(6·.25/5000) ≈ 0.017
  expectClose(changed / 5000, 3, 0.08, 'mean changed edges at rate 2');
  for (let i = 0; i < 100; i++) assert.equal(S.mutate(parent, rng, { rate: 0 }), [...parent]);
  expectThrows(
    () => S.mutate(parent, rng, { rate: -1 }),
    RangeError,
    /rate must be a finite number >= 0, got -1/,
  );
});

test('a changed edge takes each of the 4 other ops about equally often', () => {
  const rng = new Rng(8);
  const parent: Nb201Arch = [c3, c3, c3, c3, c3, c3];
  const counts = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < 4000; i++) {
    const child = S.mutate(parent, rng);
    for (let e = 0; e < 6; e++) {
      if (child[e] === c3) continue;
      counts.set(child[e]!, (counts.get(child[e]!) ?? 0) + 1);
      total++;
    }
  }
  assert.is(counts.size, 4);
  for (const c of counts.values()) expectClose(c / total, 0.25, 0.03, 'share of a replacement op');
});

test('mutate stays in the space and never modifies its input', () => {
  fc.assert(
    fc.property(
      arbArch,
      fc.integer(),
      fc.double({ min: 0, max: 6, noNaN: true }),
      (a, seed, rate) => {
        const before = [...a];
        const child = S.mutate(Object.freeze([...a]), new Rng(seed), { rate });
        assert.equal([...a], before);
        assert.ok(S.isValid(child));
      },
    ),
    { seed: FC_SEED, numRuns: 300 },
  );
});

test('neighbours: 24 distinct cells, each one edge away from the parent, in edge-then-op order', () => {
  fc.assert(
    fc.property(arbArch, (a) => {
      const nb = S.neighbours(a);
      assert.is(nb.length, 24);
      assert.is(new Set(nb.map((x) => S.hash(x))).size, 24);
      for (const x of nb) assert.is(diffCount(a, x), 1);
    }),
    { seed: FC_SEED, numRuns: 200 },
  );
  const nb = nb201Neighbours([no, no, no, no, no, no]);
  assert.equal(nb[0], [ap, no, no, no, no, no]);
  assert.equal(nb[3], [sk, no, no, no, no, no]);
  assert.equal(nb[23], [no, no, no, no, no, sk]);
});

// ---- encodings ----

test('encodings list and fixed lengths; an unknown encoding is a ConfigError naming the valid ones', () => {
  assert.equal([...S.encodings], ['path', 'trunc_path', 'adjacency', 'onehot']);
  const lengths = { path: 155, trunc_path: 30, adjacency: 6, onehot: 30 } as Record<string, number>;
  fc.assert(
    fc.property(arbArch, (a) => {
      for (const enc of S.encodings) {
        assert.is(S.encodingLength(enc), lengths[enc]);
        assert.is(S.encode(a, enc).length, lengths[enc]);
      }
    }),
    { seed: FC_SEED, numRuns: 100 },
  );
  expectThrows(
    () => S.encode([no, no, no, no, no, no], 'path40'),
    ConfigError,
    /unknown encoding "path40"; valid: path, trunc_path, adjacency, onehot/,
  );
  expectThrows(() => S.encodingLength('x'), ConfigError, /unknown encoding/);
});

test('REFERENCE 1.6 worked example: (c3,c3,c3,skip,skip,skip) → {4,27,142}, truncated-30 → {4,27}', () => {
  // [3]: 0 + skip(4) = 4; [0,4]: 5 + 2 + 5·4 = 27; [1,5]: same 27;
  // [0,2,5]: 30 + 2 + 5·2 + 25·4 = 142
  const a: Nb201Arch = [c3, c3, c3, sk, sk, sk];
  assert.equal(nb201PathIndices(a), [4, 27, 27, 142]);
  assert.equal(ones(S.encode(a, 'path')), [4, 27, 142]);
  assert.equal(ones(S.encode(a, 'trunc_path')), [4, 27]);
});

test('B13: index 284 → bits {3,14,24,129}; all-none → {3,23,123}', () => {
  // 284 = (skip,skip,skip,none,c1,none) = (4,4,4,3,1,3): [3] → 3; [0,4] → 5+4+5·1 = 14;
  // [1,5] → 5+4+5·3 = 24; [0,2,5] → 30+4+5·4+25·3 = 129.
  // all-none (3,3,3,3,3,3): 3; 5+3+15 = 23 (twice); 30+3+15+75 = 123
  assert.equal(ones(S.encode(S.parse(ARCH_284), 'path')), [3, 14, 24, 129]);
  assert.equal(ones(S.encode(S.parse(ALL_NONE), 'path')), [3, 23, 123]);
});

test('path encoding has exactly 3 or 4 ones (3 exactly when the 2-edge paths collide)', () => {
  fc.assert(
    fc.property(arbArch, (a) => {
      const k = ones(nb201PathEncoding(a)).length;
      const collide = a[0] === a[1] && a[4] === a[5];
      assert.is(k, collide ? 3 : 4);
      const t = ones(nb201TruncatedPathEncoding(a)).length;
      assert.is(t, k - 1);
    }),
    { seed: FC_SEED, numRuns: 300 },
  );
});

test('truncated path encoding: any cutoff is a prefix of the full one; cutoff 40 (R1) keeps 3-edge paths below 40', () => {
  const a: Nb201Arch = [ap, c3, c1, c3, c3, ap];
  // ops (0,2,1,2,2,0): [3] → 2; [0,4] → 5+0+5·2 = 15; [1,5] → 5+2+0 = 7;
  // [0,2,5] → 30+0+5·1+0 = 35 < 40
  assert.equal(ones(nb201TruncatedPathEncoding(a, 40)), [2, 7, 15, 35]);
  assert.equal(ones(nb201TruncatedPathEncoding(a, 30)), [2, 7, 15]);
  fc.assert(
    fc.property(arbArch, fc.integer({ min: 1, max: 155 }), (x, cut) => {
      const full = nb201PathEncoding(x);
      const prefix = Array.from(full.subarray(0, cut));
      assert.equal(Array.from(nb201TruncatedPathEncoding(x, cut)), prefix);
    }),
    { seed: FC_SEED, numRuns: 200 },
  );
  expectThrows(
    () => nb201TruncatedPathEncoding(a, 0),
    RangeError,
    /cutoff must be an integer in 1\.\.155, got 0/,
  );
  expectThrows(() => nb201TruncatedPathEncoding(a, 156), RangeError, /got 156/);
});

test('adjacency encoding is the 6 op indices; one-hot has one 1 per edge', () => {
  assert.equal(Array.from(S.encode(S.parse(ARCH_284), 'adjacency')), [4, 4, 4, 3, 1, 3]);
  // edge e, op k → feature 5e + k: 4, 9, 14, 18, 21, 28
  assert.equal(ones(S.encode(S.parse(ARCH_284), 'onehot')), [4, 9, 14, 18, 21, 28]);
});

// ---- conventions (B14) ----

test('B14: NASLib (4,0,3,1,4,3) ↔ the string of official index 2631, and the asker’s guess is (4,0,1,3,4,3)', () => {
  const s2631 = `|${ap}~0|+|${sk}~0|${no}~1|+|${c1}~0|${ap}~1|${c1}~2|`;
  assert.is(nb201ArchString(nb201FromNaslib([4, 0, 3, 1, 4, 3])), s2631);
  assert.equal(nb201ToNaslib(S.parse(s2631)), [4, 0, 3, 1, 4, 3]);
  // the guess writes the tuple in string order: ops (avg, skip, c1, none, avg, c1); NASLib's
  // order swaps positions 2 and 3
  const guess = `|${ap}~0|+|${sk}~0|${c1}~1|+|${no}~0|${ap}~1|${c1}~2|`;
  assert.equal(nb201ToNaslib(S.parse(guess)), [4, 0, 1, 3, 4, 3]);
});

test('B14: naszilla numbers of official indices 0 and 284 are 15230 and 10499', () => {
  // 0: (0,1,4,1,4,4) → 0 + 1·5 + 4·25 + 1·125 + 4·625 + 4·3125 = 15230
  // 284: (4,4,4,3,1,3) → 4 + 20 + 100 + 375 + 625 + 9375 = 10499
  assert.is(nb201NaszillaNumber(S.parse(ARCH_0)), 15230);
  assert.is(nb201NaszillaNumber(S.parse(ARCH_284)), 10499);
  assert.is(nb201ArchString(nb201FromNaszillaNumber(10499)), ARCH_284);
  expectThrows(() => nb201FromNaszillaNumber(15625), RangeError, /0\.\.15624, got 15625/);
});

test('NATS str2matrix: entry [target][source] holds the NATS op code', () => {
  // 284 = 0→1 skip, 0→2 skip, 1→2 skip, 0→3 none, 1→3 c1, 2→3 none;
  // NATS codes none 0, skip 1, c1 2
  assert.equal(nb201ToNatsMatrix(S.parse(ARCH_284)), [
    [0, 0, 0, 0],
    [1, 0, 0, 0],
    [1, 1, 0, 0],
    [0, 2, 0, 0],
  ]);
});

test('op-id conventions round-trip for every arch', () => {
  fc.assert(
    fc.property(arbArch, (a) => {
      assert.equal([...nb201FromNaslib(nb201ToNaslib(a))], [...a]);
      assert.equal([...nb201FromNatsMatrix(nb201ToNatsMatrix(a))], [...a]);
      assert.equal([...nb201FromNaszillaNumber(nb201NaszillaNumber(a))], [...a]);
    }),
    { seed: FC_SEED, numRuns: 300 },
  );
  expectThrows(() => nb201FromNaslib([4, 0, 3, 1, 4]), RangeError, /expected 6 op codes, got 5/);
  expectThrows(
    () => nb201FromNaslib([4, 0, 3, 1, 4, 7]),
    RangeError,
    /position 5 must be an integer in 0\.\.4, got 7/,
  );
  expectThrows(() => nb201FromNatsMatrix([[0]]), RangeError, /4×4/);
});

test('naszilla numbers are a bijection onto 0..15624; parse∘serialize is exact on all 15,625', () => {
  const seen = new Set<string>();
  for (let n = 0; n < 15625; n++) {
    const a = nb201FromNaszillaNumber(n);
    assert.is(nb201NaszillaNumber(a), n);
    const s = S.serialize(a);
    assert.is(S.serialize(S.parse(s)), s);
    seen.add(s);
  }
  assert.is(seen.size, 15625);
});

test('B13: 341 cells have no all-non-none route; the all-none cell and index 8421 are among them', () => {
  let dead = 0;
  for (let n = 0; n < 15625; n++) if (!nb201HasLiveRoute(nb201FromNaszillaNumber(n))) dead++;
  assert.is(dead, 341);
  assert.not.ok(nb201HasLiveRoute(S.parse(ALL_NONE)));
  assert.not.ok(nb201HasLiveRoute(S.parse(`|${c3}~0|+|none~0|none~1|+|none~0|none~1|none~2|`)));
  assert.ok(nb201HasLiveRoute(S.parse(ARCH_284)));
});

test.run();
