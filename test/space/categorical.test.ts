import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ConfigError, OutOfSpaceError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { createCategoricalSpace } from '../../src/space/categorical/categorical-space.js';
import { expectClose, expectThrows, FC_SEED } from '../helpers.js';

const space = createCategoricalSpace({
  layers: [2, 4, 8],
  act: ['relu', 'gelu'],
  bn: [true, false],
  opt: ['adam'],
});

test('dimensions, size and encoding lengths follow the choices', () => {
  assert.equal(
    space.dimensions.map((d) => d.name),
    ['layers', 'act', 'bn', 'opt'],
  );
  assert.is(space.size, 3 * 2 * 2 * 1);
  assert.equal(space.encodings, ['onehot', 'ordinal']);
  assert.is(space.encodingLength('onehot'), 3 + 2 + 2 + 1);
  assert.is(space.encodingLength('ordinal'), 4);
  expectThrows(
    () => space.encodingLength('path'),
    ConfigError,
    /unknown encoding 'path'; valid: onehot, ordinal/,
  );
});

test('one-hot and ordinal encodings of a known architecture', () => {
  const a = { layers: 4, act: 'gelu', bn: true, opt: 'adam' } as const;
  // blocks: layers [2,4,8] → 0 1 0; act [relu,gelu] → 0 1; bn [true,false] → 1 0; opt → 1
  assert.equal([...space.encode(a, 'onehot')], [0, 1, 0, 0, 1, 1, 0, 1]);
  // ordinal: 1/2, 1/1, 0/1, single-valued → 0
  assert.equal([...space.encode(a, 'ordinal')], [0.5, 1, 0, 0]);
});

test('serialize is JSON in dimension order; parse accepts any key order', () => {
  const a = { layers: 8, act: 'relu', bn: false, opt: 'adam' } as const;
  assert.is(space.serialize(a), '{"layers":8,"act":"relu","bn":false,"opt":"adam"}');
  assert.is(space.hash(a), space.serialize(a));
  assert.equal(space.parse('{"opt":"adam","bn":false,"act":"relu","layers":8}'), a);
  assert.is(space.hash({ bn: false, opt: 'adam', layers: 8, act: 'relu' }), space.hash(a));
});

test('validate and parse name each problem with the right error class', () => {
  expectThrows(
    () => space.validate(null as never),
    TypeError,
    /expected an object with keys layers, act, bn, opt/,
  );
  expectThrows(
    () => space.validate({ layers: 2, act: 'relu', bn: true } as never),
    RangeError,
    /missing dimension 'opt'/,
  );
  expectThrows(
    () => space.validate({ layers: 2, act: 'relu', bn: true, opt: 'adam', lr: 1 } as never),
    RangeError,
    /unknown dimension 'lr'/,
  );
  expectThrows(
    () => space.validate({ layers: 3, act: 'relu', bn: true, opt: 'adam' } as never),
    OutOfSpaceError,
    /'layers' = 3 is not one of \[2,4,8\]/,
  );
  expectThrows(
    () => space.validate({ layers: '2', act: 'relu', bn: true, opt: 'adam' } as never),
    OutOfSpaceError,
    /'layers' = "2"/,
  );
  expectThrows(
    () => space.validate({ layers: [2], act: 'relu', bn: true, opt: 'adam' } as never),
    TypeError,
    /'layers' must be a string, number or boolean/,
  );
  expectThrows(() => space.parse('{layers: 2}'), SyntaxError, /not JSON/);
  expectThrows(() => space.parse('[2,"relu",true,"adam"]'), TypeError, /expected an object/);
  assert.is(space.isValid({ layers: 3, act: 'relu', bn: true, opt: 'adam' } as never), false);
});

test('bad choices are ConfigErrors', () => {
  expectThrows(() => createCategoricalSpace({}), ConfigError, /at least one dimension/);
  expectThrows(() => createCategoricalSpace({ a: [] }), ConfigError, /'a' needs a non-empty array/);
  expectThrows(() => createCategoricalSpace({ a: [1, 1] }), ConfigError, /'a' lists a value twice/);
  expectThrows(() => createCategoricalSpace({ a: [Number.NaN] }), ConfigError, /finite numbers/);
  expectThrows(
    () => createCategoricalSpace({ a: [{}] as never }),
    ConfigError,
    /'a' has an object/,
  );
  expectThrows(
    () => space.mutate(space.sample(new Rng(1)), new Rng(1), { rate: Number.NaN }),
    RangeError,
    /rate must be/,
  );
});

test('neighbours: every one-dimension change, in dimension then value order', () => {
  const a = { layers: 2, act: 'relu', bn: true, opt: 'adam' } as const;
  assert.equal(
    space.neighbours(a).map((n) => space.serialize(n)),
    [
      '{"layers":4,"act":"relu","bn":true,"opt":"adam"}',
      '{"layers":8,"act":"relu","bn":true,"opt":"adam"}',
      '{"layers":2,"act":"gelu","bn":true,"opt":"adam"}',
      '{"layers":2,"act":"relu","bn":false,"opt":"adam"}',
    ],
  );
});

test('mutation at rate 1 changes 1 + (1 − 1/d)^d dimensions on average', () => {
  // d = 4 mutable dimensions, each flips with p = 1/4; when none flips exactly one changes:
  // E = d·p + P(no flip) = 1 + 0.75^4 = 1.31640625; per-draw sd < 1, n = 20000 → s.e. < 0.007
  const s = createCategoricalSpace({
    a: [0, 1, 2],
    b: [0, 1],
    c: ['x', 'y', 'z', 'w'],
    d: [true, false],
  });
  const rng = new Rng(4);
  const parent = { a: 0, b: 0, c: 'x', d: true } as const;
  let total = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const child = s.mutate(parent, rng);
    total += (['a', 'b', 'c', 'd'] as const).filter((k) => child[k] !== parent[k]).length;
  }
  expectClose(total / n, 1.31640625, 0.03, 'mean changed dimensions');
});

const choicesArb = fc
  .array(
    fc.uniqueArray(
      fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b', 'c'), fc.boolean()),
      { minLength: 1, maxLength: 4 },
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((lists) => Object.fromEntries(lists.map((values, i) => [`d${i}`, values])));

test('property: sample/mutate stay in the space, mutate differs from and never modifies its input', () => {
  fc.assert(
    fc.property(
      choicesArb,
      fc.integer(),
      fc.double({ min: 0, max: 4, noNaN: true }),
      (choices, seed, rate) => {
        const s = createCategoricalSpace(choices);
        const rng = new Rng(seed);
        const a = s.sample(rng);
        const before = JSON.stringify(a);
        const b = s.mutate(a, rng, { rate });
        const mutable = s.dimensions.some((d) => d.values.length > 1);
        return (
          s.isValid(a) &&
          s.isValid(b) &&
          JSON.stringify(a) === before &&
          (s.hash(a) !== s.hash(b)) === mutable
        );
      },
    ),
    { seed: FC_SEED, numRuns: 300 },
  );
});

test('property: round trip, fixed encoding lengths, one-hot has one bit per dimension', () => {
  fc.assert(
    fc.property(choicesArb, fc.integer(), (choices, seed) => {
      const s = createCategoricalSpace(choices);
      const a = s.sample(new Rng(seed));
      const oh = s.encode(a, 'onehot');
      const ord = s.encode(a, 'ordinal');
      const expectedNbrs = s.dimensions.reduce((n, d) => n + d.values.length - 1, 0);
      return (
        s.hash(s.parse(s.serialize(a))) === s.hash(a) &&
        oh.length === s.encodingLength('onehot') &&
        ord.length === s.dimensions.length &&
        oh.reduce((x, y) => x + y, 0) === s.dimensions.length &&
        ord.every((x) => x >= 0 && x <= 1) &&
        s.neighbours(a).length === expectedNbrs
      );
    }),
    { seed: FC_SEED, numRuns: 300 },
  );
});

test.run();
