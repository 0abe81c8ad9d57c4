import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import { adamStepSize } from '../../src/nn/adam.js';
import type { Backend, FloatArray } from '../../src/nn/backend/backend.js';
import { createJsBackend } from '../../src/nn/backend/cpu.js';
import {
  checkTinyMatmul,
  createGpuJsBackend,
  detectGpuBackend,
} from '../../src/nn/backend/gpu/index.js';
import { resolveBackend } from '../../src/nn/backend/resolve.js';
import { createWasmBackend } from '../../src/nn/backend/wasm/index.js';
import { Mlp } from '../../src/nn/mlp.js';
import { ConfigError } from '../../src/core/errors.js';
import { FC_SEED } from '../helpers.js';

/**
 * One parity suite for every backend available here. Expected values come from plain double
 * loops written below (the definitions of the primitives); tolerance follows the backend's
 * storage precision: float64 1e-12, float32 2e-5, relative to the size of the terms summed.
 */
interface Candidate {
  label: string;
  make: () => Promise<Backend>;
}

const candidates: Candidate[] = [
  { label: 'js float64', make: async () => createJsBackend('float64') },
  { label: 'js float64 unfused', make: async () => createJsBackend('float64', { fused: false }) },
  { label: 'js float32', make: async () => createJsBackend('float32') },
  { label: 'wasm float64', make: () => createWasmBackend() },
  { label: 'gpu.js cpu mode', make: () => createGpuJsBackend('cpu') },
  { label: 'gpu.js webasm mode', make: () => createGpuJsBackend('webasm') },
];

const tolerance = (b: Backend): number => (b.precision === 'float64' ? 1e-12 : 2e-5);

function filled(b: Backend, values: number[]): FloatArray {
  const out = b.alloc(values.length);
  out.set(values);
  return out;
}

function randomValues(rng: Rng, n: number, zeros = 0.3): number[] {
  return Array.from({ length: n }, () =>
    rng.next() < zeros ? 0 : Math.fround(rng.uniform(-2, 2)),
  );
}

/** Reference product op(a)·op(b) in double. */
function naiveMatmul(
  a: number[],
  b: number[],
  m: number,
  k: number,
  n: number,
  tA: boolean,
  tB: boolean,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (tA ? a[p * m + i]! : a[i * k + p]!) * (tB ? b[j * k + p]! : b[p * n + j]!);
      out.push(s);
    }
  }
  return out;
}

function assertClose(
  actual: ArrayLike<number>,
  expected: number[],
  tol: number,
  what: string,
): void {
  assert.ok(actual.length >= expected.length, `${what}: length ${actual.length}`);
  for (let i = 0; i < expected.length; i++) {
    const scale = 1 + Math.abs(expected[i]!);
    assert.ok(
      Math.abs(actual[i]! - expected[i]!) <= tol * scale * 8,
      `${what}[${i}]: expected ${expected[i]}, got ${actual[i]}`,
    );
  }
}

for (const c of candidates) {
  test(`${c.label}: matmul with every transpose combination matches the double loops`, async () => {
    const b = await c.make();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.boolean(),
        (seed, m, k, n, tA, tB) => {
          const rng = new Rng(seed);
          const a = randomValues(rng, m * k);
          const bb = randomValues(rng, k * n);
          const out = b.alloc(m * n);
          b.matmul(filled(b, a), filled(b, bb), out, m, k, n, tA, tB);
          assertClose(out, naiveMatmul(a, bb, m, k, n, tA, tB), tolerance(b), 'product');
          return true;
        },
      ),
      { seed: FC_SEED, numRuns: 40 },
    );
    b.dispose?.();
  });

  test(`${c.label}: addBias, relu, reluGrad and columnSums by their definitions`, async () => {
    const b = await c.make();
    const x = [1, -2, 3, -4, 0, 6];
    const v = filled(b, x);
    b.addBias(v, filled(b, [0.5, 1, -1]), 2, 3);
    assertClose(v, [1.5, -1, 2, -3.5, 1, 5], tolerance(b), 'addBias');
    b.relu(v, 6);
    assertClose(v, [1.5, 0, 2, 0, 1, 5], tolerance(b), 'relu');
    const dy = filled(b, [1, 2, 3, 4, 5, 6]);
    b.reluGrad(dy, v, 6);
    assertClose(dy, [1, 0, 3, 0, 5, 6], tolerance(b), 'reluGrad');
    const sums = b.alloc(3);
    b.columnSums(filled(b, x), 2, 3, sums);
    assertClose(sums, [-3, -2, 9], tolerance(b), 'columnSums');
    b.dispose?.();
  });

  test(`${c.label}: adamUpdate on a sub-range equals the hand-computed step and leaves the rest`, async () => {
    const b = await c.make();
    // elements 1..2 of p = [9, 1, 2, 9], g = [5, 0.5, -1, 5], zero moments, step 1 of
    // lr 0.01 β 0.9/0.99 ε 1e-7: m = 0.1g, v = 0.01g², step size 0.01 → p − 0.01·0.1g/(0.1|g| + 1e-7)
    const p = filled(b, [9, 1, 2, 9]);
    const m = b.alloc(4);
    const v = b.alloc(4);
    b.adamUpdate(p, filled(b, [5, 0.5, -1, 5]), m, v, 1, 3, adamStepSize(0.01, 0.9, 0.99, 1e-7, 1));
    const step = (g: number): number => (0.01 * 0.1 * g) / (0.1 * Math.abs(g) + 1e-7);
    assertClose(p, [9, 1 - step(0.5), 2 - step(-1), 9], tolerance(b), 'param');
    assertClose(m, [0, 0.05, -0.1, 0], tolerance(b), 'first moment');
    assertClose(v, [0, 0.0025, 0.01, 0], tolerance(b), 'second moment');
    b.dispose?.();
  });

  test(`${c.label}: fused layer ops (when offered) equal the primitive composition`, async () => {
    const b = await c.make();
    const f = b.fused;
    if (f === undefined) {
      assert.is(b.fused, undefined);
      b.dispose?.();
      return;
    }
    const rng = new Rng(17);
    const rows = 5;
    const k = 6;
    const n = 7;
    const h = randomValues(rng, rows * k, 0.5).map((z) => Math.abs(z));
    const W = randomValues(rng, k * n, 0);
    const bias = randomValues(rng, n, 0);
    const delta = randomValues(rng, rows * n, 0.4);
    // forward: relu(h·W + bias)
    const z = naiveMatmul(h, W, rows, k, n, false, false).map((s, t) =>
      Math.max(0, s + bias[t % n]!),
    );
    const out = b.alloc(rows * n);
    const hv = filled(b, h);
    const hSets = f.newActiveSets(rows, k);
    const outSets = f.newActiveSets(rows, n);
    f.findActive(hv, rows, k, hSets);
    f.denseForward(hv, filled(b, W), filled(b, bias), out, rows, k, n, true, hSets, outSets);
    assertClose(out, z, tolerance(b), 'denseForward');
    for (let i = 0; i < rows; i++) {
      const active = z.slice(i * n, i * n + n).flatMap((v, j) => (v !== 0 ? [j] : []));
      assert.equal(
        Array.from(outSets.index.subarray(i * n, i * n + outSets.count[i]!)),
        active,
        `active outputs of row ${i}`,
      );
    }
    // backward: dW = hᵀ·delta, dBias = column sums, deltaPrev = (delta·Wᵀ) ⊙ [h > 0]
    const dW = b.alloc(k * n);
    const dB = b.alloc(n);
    const dPrev = b.alloc(rows * k);
    f.denseBackward(hv, filled(b, W), filled(b, delta), dW, dB, dPrev, rows, k, n, hSets);
    assertClose(dW, naiveMatmul(h, delta, k, rows, n, true, false), tolerance(b), 'dW');
    const colSums = Array.from({ length: n }, (_, j) =>
      delta.filter((_, t) => t % n === j).reduce((s, q) => s + q, 0),
    );
    assertClose(dB, colSums, tolerance(b), 'dBias');
    const back = naiveMatmul(delta, W, rows, n, k, false, true).map((s, t) => (h[t]! > 0 ? s : 0));
    assertClose(dPrev, back, tolerance(b), 'deltaPrev');
  });

  test(`${c.label}: a trained MLP predicts what the float64 JS backend predicts`, async () => {
    const b = await c.make();
    const rng = new Rng(23);
    const rows = 40;
    const cols = 12;
    const x = new Float32Array(rows * cols);
    for (let i = 0; i < x.length; i++)
      x[i] = rng.next() < 0.7 ? 0 : Math.fround(rng.uniform(-1, 1));
    const y = Float64Array.from({ length: rows }, () => 5 + 3 * rng.next());
    const opts = { layers: 3, width: 6, epochs: 5, batchSize: 16 };
    const ref = new Mlp(cols, opts, new Rng(4), createJsBackend('float64', { fused: false }));
    const net = new Mlp(cols, opts, new Rng(4), b);
    ref.fit({ x, y, rows, cols });
    net.fit({ x, y, rows, cols });

    // float32 storage drifts over 15 Adam steps; 1e-3 absolute on targets of 5..8
    const tol = b.precision === 'float64' ? 1e-9 : 1e-3;
    const pr = ref.predict(x, rows);
    const pn = net.predict(x, rows);
    for (let i = 0; i < rows; i++)
      assert.ok(Math.abs(pr[i]! - pn[i]!) <= tol, `row ${i}: ${pn[i]} vs ${pr[i]}`);
    b.dispose?.();
  });
}

test('gpu.js GPU mode: parity when a GPU context exists, otherwise skipped with the reason', async () => {
  const found = await detectGpuBackend();
  if (found.backend === undefined) {
    console.log(`  skipped gpu.js GPU mode: ${found.why}`);
    assert.ok(found.why.length > 0);
    return;
  }
  assert.is(checkTinyMatmul(found.backend), undefined);
  found.backend.dispose?.();
});

test('resolveBackend: js on request, fall-back with a reason for gpu/auto, env BANANAS_BACKEND, unknown names', async () => {
  const js = await resolveBackend('js');
  assert.is(js.backend.name, 'js');
  assert.is(js.reason, 'js (requested)');
  const gpu = await resolveBackend('gpu');
  assert.ok(gpu.reason.length > 0);
  if (gpu.backend.name === 'js') assert.match(gpu.reason, /^js \(gpu requested, fell back\): /);
  const saved = process.env.BANANAS_BACKEND;
  try {
    process.env.BANANAS_BACKEND = 'js';
    assert.is((await resolveBackend()).reason, 'js (from BANANAS_BACKEND)');
    process.env.BANANAS_BACKEND = 'cuda';
    let caught: unknown;
    try {
      await resolveBackend();
    } catch (e) {
      caught = e;
    }
    assert.instance(caught, ConfigError);
    assert.match(
      (caught as Error).message,
      /unknown backend 'cuda'; expected auto, js, gpu or wasm/,
    );
  } finally {
    if (saved === undefined) delete process.env.BANANAS_BACKEND;
    else process.env.BANANAS_BACKEND = saved;
  }
});

test.run();
