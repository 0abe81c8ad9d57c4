import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DataFileError, OutOfSpaceError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { resolveDataDir } from '../../src/bench/data-path.js';
import {
  DARTS_OPS,
  NB301_OPS,
  type DartsArch,
  type DartsEdge,
} from '../../src/space/darts/constants.js';
import { dartsPathIndices } from '../../src/space/darts/encodings.js';
import { parseNb301Records } from '../../src/space/darts/nb301-records.js';
import { createDartsSpace, dartsSpace, nb301Space } from '../../src/space/darts/space.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

const ones = (x: Float32Array): number[] => [...x.keys()].filter((i) => x[i] === 1);

// X: a hand-built architecture for the worked path example below
const X: DartsArch = {
  normal: [
    ['sep_conv_3x3', 0],
    ['skip_connect', 1],
    ['max_pool_3x3', 2],
    ['none', 0],
    ['avg_pool_3x3', 3],
    ['dil_conv_3x3', 1],
    ['dil_conv_5x5', 4],
    ['sep_conv_5x5', 0],
  ],
  reduce: Array.from({ length: 4 }, (): DartsEdge[] => [
    ['max_pool_3x3', 0],
    ['skip_connect', 1],
  ]).flat(),
};

test('encoding lengths: 18,724 / 2,344 with 8 ops (REFERENCE §1.4), 11,204 / 1,604 with 7', () => {
  // 4 × (1+8+64+512+4096) = 18724; 4 × (1 + 1+8+64+512) = 2344
  assert.is(dartsSpace.encodingLength('path'), 18724);
  assert.is(dartsSpace.encodingLength('trunc_path'), 2344);
  assert.is(dartsSpace.encodingLength('adjacency'), 114);
  // 4 × (1+7+49+343+2401) = 11204; 4 × (1 + 1+7+49+343) = 1604
  assert.is(nb301Space.encodingLength('path'), 11204);
  assert.is(nb301Space.encodingLength('trunc_path'), 1604);
  assert.is(dartsSpace.name, 'darts');
  assert.is(nb301Space.name, 'nb301');
  assert.equal(DARTS_OPS.slice(1), NB301_OPS);
  expectThrows(
    () => dartsSpace.encode(X, 'onehot'),
    ConfigError,
    /unknown encoding 'onehot'; valid: path, trunc_path, adjacency/,
  );
});

test('B04: DARTS path indices of a worked example (paths ending at every intermediate node count)', () => {
  // codes: none 0, max 1, avg 2, skip 3, sep3 4, sep5 5, dil3 6, dil5 7; step = code + 1;
  // block B = 4681; index = cell·2B + input·B + Σ_t 8^t·step_t.
  // normal, edge by edge (input, partial index):
  //  e0 sep3 from 0 → 5            e1 skip from 1 → B+4 = 4685
  //  e2 max from node2: 5+8·2 = 21, B+4+16 = 4701      e3 none from 0 → 1
  //  e4 avg from node3: 21+64·3 = 213, B+20+192 = 4893, 1+8·3 = 25      e5 dil3 from 1 → B+7 = 4688
  //  e6 dil5 from node4: 213+512·8 = 4309, B+212+4096 = 8989, 25+64·8 = 537, B+7+8·8 = 4752
  //  e7 sep5 from 0 → 6
  // reduce (base 2B = 9362): max from 0 → 9364, skip from 1 → 9362+B+4 = 14047, four times
  const code = (op: string): number => DARTS_OPS.indexOf(op);
  const normal = [5, 4685, 21, 4701, 1, 213, 4893, 25, 4688, 4309, 8989, 537, 4752, 6];
  const reduce = [9364, 14047, 9364, 14047, 9364, 14047, 9364, 14047];
  assert.equal(dartsPathIndices(X, code, 8, false), [...normal, ...reduce]);
  assert.equal(
    ones(dartsSpace.encode(X, 'path')),
    [...new Set([...normal, ...reduce])].sort((a, b) => a - b),
  );
  assert.is(createDartsSpace({ hash: 'paths' }).hash(X), [...normal, ...reduce].join(','));
});

test('truncated DARTS paths: 4-op paths set the input-1 flag of their cell (R1 long_paths=False)', () => {
  // B = 586; same partial indices as above for ≤ 3 ops; both 4-op paths of the normal cell
  // (4309 and 8989 above) become 2·(0+1)·586 − 1 = 1171, also the one starting at input 0
  // reduce base 2B = 1172: max from 0 → 1174, skip from 1 → 1172+586+4 = 1762
  const code = (op: string): number => DARTS_OPS.indexOf(op);
  const t = dartsPathIndices(X, code, 8, true);
  assert.equal(
    t,
    [
      5, 590, 21, 606, 1, 213, 798, 25, 593, 1171, 1171, 537, 657, 6, 1174, 1762, 1174, 1762, 1174,
      1762, 1174, 1762,
    ],
  );
  assert.equal(
    ones(dartsSpace.encode(X, 'trunc_path')),
    [1, 5, 6, 21, 25, 213, 537, 590, 593, 606, 657, 798, 1171, 1174, 1762],
  );
});

test('adjacency encoding (R2 encode_adj): 7×7 per cell plus raw op codes', () => {
  const x = dartsSpace.encode(X, 'adjacency');
  const m = (c: number, i: number, j: number): number => x[c * 57 + i * 7 + j]!;
  // normal: node2 ← 0,1; node3 ← 2,0; node4 ← 3,1; node5 ← 4,0; nodes 2..5 → output 6
  for (const [i, j] of [
    [0, 2],
    [1, 2],
    [2, 3],
    [0, 3],
    [3, 4],
    [1, 4],
    [4, 5],
    [0, 5],
    [2, 6],
    [3, 6],
    [4, 6],
    [5, 6],
  ] as const) {
    assert.is(m(0, i, j), 1, `normal ${i}→${j}`);
  }
  assert.is(
    [...x.slice(0, 49)].reduce((a, b) => a + b, 0),
    12,
  );
  assert.equal([...x.slice(49, 57)], [4, 3, 1, 0, 2, 6, 7, 5]);
  assert.equal([...x.slice(57 + 49, 114)], [1, 3, 1, 3, 1, 3, 1, 3]);
});

test('serialize form, parse round trip and parse errors', () => {
  const s = dartsSpace.serialize(X);
  assert.is(
    s.split(';')[0],
    'normal:sep_conv_3x3~0,skip_connect~1,max_pool_3x3~2,none~0,avg_pool_3x3~3,dil_conv_3x3~1,dil_conv_5x5~4,sep_conv_5x5~0',
  );
  assert.equal(dartsSpace.parse(`  ${s}\n`), X);
  expectThrows(() => dartsSpace.parse('normal:none~0'), SyntaxError, /one ';'/);
  expectThrows(
    () => dartsSpace.parse(s.replace('reduce:', 'reduction:')),
    SyntaxError,
    /part 2 must start with 'reduce:'/,
  );
  expectThrows(
    () => dartsSpace.parse(s.replace('none~0', 'none0')),
    SyntaxError,
    /token "none0" is not 'op~input'/,
  );
  expectThrows(
    () => dartsSpace.parse(s.replace('sep_conv_5x5~0', 'sep_conv_5x5~0,none~1')),
    RangeError,
    /normal has 9 edges/,
  );
  expectThrows(
    () => nb301Space.parse(s),
    OutOfSpaceError,
    /normal\[3\] op 'none' is not one of max_pool_3x3/,
  );
});

test('validate names each problem with the right error class', () => {
  const bad = (f: (a: { normal: DartsEdge[]; reduce: DartsEdge[] }) => void): DartsArch => {
    const a = {
      normal: X.normal.map((e) => [...e] as unknown as DartsEdge),
      reduce: X.reduce.map((e) => [...e] as unknown as DartsEdge),
    };
    f(a);
    return a;
  };
  expectThrows(
    () => dartsSpace.validate(null as never),
    TypeError,
    /expected \{ normal, reduce \}/,
  );
  expectThrows(
    () => dartsSpace.validate({ normal: X.normal } as never),
    TypeError,
    /reduce must be an array/,
  );
  expectThrows(
    () => dartsSpace.validate(bad((a) => (a.normal[2] = ['max_pool_3x3'] as never))),
    TypeError,
    /normal\[2\] must be \[op, input\]/,
  );
  expectThrows(
    () => dartsSpace.validate(bad((a) => (a.normal[2] = ['max_pool_3x3', 1.5]))),
    TypeError,
    /input must be a non-negative integer, got 1.5/,
  );
  expectThrows(
    () => dartsSpace.validate(bad((a) => (a.normal[2] = ['conv_7x7', 1]))),
    OutOfSpaceError,
    /op 'conv_7x7' is not one of/,
  );
  expectThrows(
    () => dartsSpace.validate(bad((a) => (a.normal[2] = ['max_pool_3x3', 3]))),
    OutOfSpaceError,
    /normal\[2\] feeds node 3 from node 3/,
  );
  expectThrows(
    () => dartsSpace.validate(bad((a) => (a.reduce[1] = ['skip_connect', 0]))),
    OutOfSpaceError,
    /both edges of reduce node 2 read node 0/,
  );
  assert.is(dartsSpace.isValid(X), true);
  assert.is(nb301Space.isValid(X), false);
  expectThrows(() => createDartsSpace({ ops: [] }), ConfigError, /non-empty array/);
  expectThrows(() => createDartsSpace({ ops: ['a', 'a'] }), ConfigError, /listed twice/);
  expectThrows(() => createDartsSpace({ hash: 'md5' as never }), ConfigError, /unknown hash 'md5'/);
  expectThrows(() => dartsSpace.mutate(X, new Rng(1), { rate: -1 }), RangeError, /number of edits/);
});

test('hash rules: genotype tells swapped node edges apart, canonical does not', () => {
  const swapped: DartsArch = {
    normal: [X.normal[1]!, X.normal[0]!, ...X.normal.slice(2)],
    reduce: X.reduce,
  };
  assert.is.not(dartsSpace.hash(swapped), dartsSpace.hash(X));
  const canonical = createDartsSpace({ hash: 'canonical' });
  assert.is(canonical.hash(swapped), canonical.hash(X));
  // same path multiset, so same path encoding
  assert.equal(ones(dartsSpace.encode(swapped, 'path')), ones(dartsSpace.encode(X, 'path')));
});

test('neighbours: 2·8·7 op changes + 2·(0+1+2+3)·2 input changes = 136 (8 ops), 120 (7 ops)', () => {
  const nbrs = dartsSpace.neighbours(X);
  assert.is(nbrs.length, 136);
  const hashes = new Set(nbrs.map((n) => dartsSpace.hash(n)));
  assert.is(hashes.size, 136);
  assert.not.ok(hashes.has(dartsSpace.hash(X)));
  const y = nb301Space.sample(new Rng(3));
  assert.is(nb301Space.neighbours(y).length, 2 * 8 * 6 + 24);
});

test('sampler: ops uniform over all 8 (none included), inputs two distinct predecessors', () => {
  // 2000 architectures × 16 edges = 32000 ops; each op 1/8: s.e. of a share ≈ 0.0018
  const rng = new Rng(8);
  const count = new Map<string, number>();
  let firstNodeSwapped = 0;
  const n = 2000;
  for (let i = 0; i < n; i++) {
    const a = dartsSpace.sample(rng);
    for (const [op] of [...a.normal, ...a.reduce]) count.set(op, (count.get(op) ?? 0) + 1);
    if (a.normal[0]![1] === 1) firstNodeSwapped++;
  }
  for (const op of DARTS_OPS)
    expectClose(count.get(op)! / (16 * n), 1 / 8, 0.009, `share of ${op}`);
  // node 2 reads (0,1) or (1,0) with probability 1/2 each: s.e. 0.011
  expectClose(firstNodeSwapped / n, 0.5, 0.05, 'share of node 2 edges drawn as (1, 0)');
});

test('mutation at rate 1 is one R1 edit: no-op with probability 0.38333', () => {
  // op edit (p 1/2) keeps the op w.p. 1/8; input edit (p 1/2) on node n ∈ {2..5} (uniform) draws
  // one of n inputs and is a no-op when it hits its own or the sibling's: mean(2/2, 2/3, 2/4, 2/5)
  // = 0.641667; total 0.0625 + 0.320833 = 0.383333; n = 20000 → s.e. 0.0034
  const rng = new Rng(21);
  const parent = dartsSpace.sample(rng);
  const h = dartsSpace.hash(parent);
  let same = 0;
  let maxDiff = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const c = dartsSpace.mutate(parent, rng);
    if (dartsSpace.hash(c) === h) same++;
    const diff = [...c.normal, ...c.reduce].filter((e, j) => {
      const p = j < 8 ? parent.normal[j]! : parent.reduce[j - 8]!;
      return e[0] !== p[0] || e[1] !== p[1];
    }).length;
    maxDiff = Math.max(maxDiff, diff);
  }
  expectClose(same / n, 0.383333, 0.015, 'no-op share');
  assert.is(maxDiff, 1);
});

test('property: sample/mutate stay in the space and mutate never modifies its input', () => {
  fc.assert(
    fc.property(
      fc.integer(),
      fc.integer({ min: 0, max: 6 }),
      fc.boolean(),
      (seed, edits, seven) => {
        const space = seven ? nb301Space : dartsSpace;
        const rng = new Rng(seed);
        const a = space.sample(rng);
        const before = JSON.stringify(a);
        const b = space.mutate(a, rng, { rate: edits });
        return space.isValid(a) && space.isValid(b) && JSON.stringify(a) === before;
      },
    ),
    { seed: FC_SEED, numRuns: 300 },
  );
});

test('property: fixed encoding lengths, round trip, canonical hash ignores edge order within a node', () => {
  const canonical = createDartsSpace({ hash: 'canonical' });
  fc.assert(
    fc.property(
      fc.integer(),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      (seed, swaps) => {
        const a = dartsSpace.sample(new Rng(seed));
        const swap = (cell: readonly DartsEdge[], s: boolean[]): DartsEdge[] =>
          cell.map((_, e) => cell[s[e >> 1] ? e ^ 1 : e]!);
        const b = {
          normal: swap(a.normal, swaps.slice(0, 4)),
          reduce: swap(a.reduce, swaps.slice(4)),
        };
        const lengthsOk = dartsSpace.encodings.every(
          (enc) => dartsSpace.encode(a, enc).length === dartsSpace.encodingLength(enc),
        );
        return (
          lengthsOk &&
          dartsSpace.hash(dartsSpace.parse(dartsSpace.serialize(a))) === dartsSpace.hash(a) &&
          canonical.hash(a) === canonical.hash(b) &&
          ones(dartsSpace.encode(a, 'path')).join() === ones(dartsSpace.encode(b, 'path')).join()
        );
      },
    ),
    { seed: FC_SEED, numRuns: 150 },
  );
});

const nb301File = (() => {
  try {
    return join(resolveDataDir(), 'nasbench301', 'nb301_subset725.json');
  } catch {
    return undefined;
  }
})();

test('the 725 NAS-Bench-301 genotypes parse into both spaces with distinct hashes', () => {
  if (nb301File === undefined || !existsSync(nb301File)) {
    console.log('  skipped: nasbench301/nb301_subset725.json not found (set BANANAS_DATA)');
    return;
  }
  const text = readFileSync(nb301File, 'utf8');
  const records = parseNb301Records(text, nb301Space);
  // README: 725 unique architectures, val accuracy max 94.489, min 91.237
  assert.is(records.length, 725);
  assert.is(new Set(records.map((r) => nb301Space.hash(r.arch))).size, 725);
  expectClose(Math.max(...records.map((r) => r.valAccuracy)), 94.489, 0.001, 'max val accuracy');
  expectClose(Math.min(...records.map((r) => r.valAccuracy)), 91.237, 0.001, 'min val accuracy');
  expectClose(records[0]!.valError, 100 - 93.43141389733916, 1e-9, 'record 0 val error');
  assert.equal(records[0]!.arch.normal[0], ['max_pool_3x3', 1]);
  for (const r of records) {
    assert.ok(dartsSpace.isValid(r.arch));
    assert.equal(nb301Space.parse(nb301Space.serialize(r.arch)), r.arch);
  }
  assert.is(parseNb301Records(text, dartsSpace).length, 725);
});

test('parseNb301Records reports corrupt input as DataFileError naming the record', () => {
  const rec = {
    naslib_idx: 7,
    normal: X.normal,
    reduce: X.reduce,
    val_accuracy: 93,
    params_m: 1,
    flops_m: 2,
  };
  expectThrows(
    () => parseNb301Records('[{', nb301Space, 'f.json'),
    DataFileError,
    /^f\.json: not valid JSON/,
  );
  expectThrows(() => parseNb301Records('{}', nb301Space), DataFileError, /expected a JSON array/);
  expectThrows(
    () => parseNb301Records(JSON.stringify([rec]), nb301Space),
    DataFileError,
    /record 0 \(naslib_idx 7\): nb301\.validate: normal\[3\] op 'none'/,
  );
  const noAcc = { ...rec, val_accuracy: '93' };
  expectThrows(
    () => parseNb301Records(JSON.stringify([noAcc]), dartsSpace),
    DataFileError,
    /field 'val_accuracy' must be a finite number/,
  );
  assert.is(parseNb301Records(JSON.stringify([rec]), dartsSpace)[0]!.valError, 7);
});

test.run();
