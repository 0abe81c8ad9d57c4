import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import { expectClose, FC_SEED } from '../helpers.js';

test('the same seed gives the same stream, seed 0 included', () => {
  for (const seed of [0, 1, 42, 2 ** 40]) {
    const a = new Rng(seed);
    const b = new Rng(seed);
    for (let i = 0; i < 100; i++) assert.is(a.nextUint32(), b.nextUint32());
  }
  assert.is.not(new Rng(0).nextUint32(), new Rng(1).nextUint32());
});

test('state() round-trips through fromState', () => {
  const a = new Rng(7);
  a.next();
  const b = Rng.fromState(a.state());
  for (let i = 0; i < 20; i++) assert.is(a.next(), b.next());
});

test('next() stays in [0, 1) and int(n) in [0, n)', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
      const r = new Rng(seed);
      for (let i = 0; i < 50; i++) {
        const u = r.next();
        const k = r.int(n);
        if (!(u >= 0 && u < 1) || !(Number.isInteger(k) && k >= 0 && k < n)) return false;
      }
      return true;
    }),
    { seed: FC_SEED, numRuns: 200 },
  );
});

test('normal() has mean 0 and variance 1 (n = 20000, 4.5 standard errors)', () => {
  // s.e. of the mean = 1/sqrt(20000) ≈ 0.0071; s.e. of the variance ≈ sqrt(2/20000) = 0.01
  const r = new Rng(3);
  const n = 20000;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    s += z;
    s2 += z * z;
  }
  expectClose(s / n, 0, 0.032, 'mean');
  expectClose(s2 / n - (s / n) ** 2, 1, 0.045, 'variance');
});

test('split() gives streams that differ from the parent and from each other', () => {
  const r = new Rng(5);
  const c1 = r.split();
  const c2 = r.split();
  assert.is.not(c1.nextUint32(), c2.nextUint32());
});

test('rejects a non-finite seed and a bad int() bound', () => {
  assert.throws(() => new Rng(NaN), /finite/);
  assert.throws(() => new Rng(1).int(0), /positive integer/);
});

test.run();
