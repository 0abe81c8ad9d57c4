import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import type { Backend, FloatArray } from '../../src/nn/backend/backend.js';
import { createJsBackend } from '../../src/nn/backend/cpu.js';
import { resolveBackend } from '../../src/nn/backend/resolve.js';
import { createWasmBackend } from '../../src/nn/backend/wasm/index.js';
import { sleb, uleb } from '../../src/nn/backend/wasm/emit.js';
import { kernelModuleBytes } from '../../src/nn/backend/wasm/kernels.js';
import { Mlp } from '../../src/nn/mlp.js';
import type { MetaNetOptions } from '../../src/nn/types.js';
import { FC_SEED } from '../helpers.js';

/**
 * The wasm backend promises more than the shared parity suite checks (1e-9): its kernels do
 * the JS backend's IEEE operations in the same order, so a trained network's weights must be
 * bit-identical to the float64 JS backend's. Object.is is used, except that the sign of a zero
 * may differ (documented), hence the `same` helper.
 */
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

function sparseData(seed: number, rows: number, cols: number, density: number) {
  const rng = new Rng(seed);
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < x.length; i++) {
    if (rng.next() < density) x[i] = Math.fround(rng.uniform(0, 1));
  }
  const y = Float64Array.from({ length: rows }, () => 5 + 10 * rng.next());
  return { x, y, rows, cols };
}

function assertSameParameters(a: Mlp, b: Mlp, what: string): void {
  const pa = a.parameters();
  const pb = b.parameters();
  assert.is(pa.length, pb.length);
  for (let l = 0; l < pa.length; l++) {
    for (let i = 0; i < pa[l]!.length; i++) {
      if (!same(pa[l]![i]!, pb[l]![i]!))
        assert.unreachable(`${what}: parameter ${l}[${i}] js ${pa[l]![i]} vs wasm ${pb[l]![i]}`);
    }
  }
}

test('wasm: the kernel module validates and stays small (< 16 KiB; browsers allow synchronous instances of modules up to 8 MB on the main thread)', () => {
  const bytes = kernelModuleBytes();
  assert.ok(WebAssembly.validate(bytes as unknown as BufferSource));
  assert.ok(bytes.length < 16384, `${bytes.length} bytes`);
});

test('wasm: LEB128 encodings by the definition (unsigned 624485, signed −123456, edge values)', () => {
  // 624485 = 0b100110_0001110_1100101 → groups 1100101, 0001110, 0100110 with continuation bits
  assert.equal(uleb(624485), [0xe5, 0x8e, 0x26]);
  assert.equal(uleb(0), [0]);
  assert.equal(uleb(127), [0x7f]);
  assert.equal(uleb(128), [0x80, 0x01]);
  // −123456 in two's complement, 7-bit groups from the low end, sign bit of the last group set
  assert.equal(sleb(-123456), [0xc0, 0xbb, 0x78]);
  assert.equal(sleb(-1), [0x7f]);
  assert.equal(sleb(63), [0x3f]);
  assert.equal(sleb(64), [0xc0, 0x00]);
  assert.equal(sleb(-64), [0x40]);
});

test('wasm: trained networks are bit-identical to the float64 JS backend (widths, depths, losses, sparse and dense inputs)', async () => {
  const wasm = await createWasmBackend();
  const js = createJsBackend('float64');
  const cases: [string, Partial<MetaNetOptions>, number, number, number][] = [
    // label, options, rows, cols, input density (> 0.5: the dense first-layer path)
    ['default 10×20, sparse', { epochs: 8 }, 70, 40, 0.1],
    [
      'odd width 7, mape',
      { layers: 3, width: 7, epochs: 10, loss: 'mape', mapeLowerBound: 4.5 },
      45,
      9,
      0.3,
    ],
    ['width 44 (block + rest), mse', { layers: 2, width: 44, epochs: 6, loss: 'mse' }, 33, 12, 0.2],
    ['width 1, dense inputs', { layers: 2, width: 1, epochs: 6 }, 20, 5, 0.9],
    ['dense inputs, batch 8', { layers: 4, width: 20, epochs: 6, batchSize: 8 }, 30, 25, 0.8],
  ];
  for (const [label, opts, rows, cols, density] of cases) {
    const data = sparseData(rows * cols, rows, cols, density);
    const a = new Mlp(cols, opts, new Rng(11), js);
    const b = new Mlp(cols, opts, new Rng(11), wasm);
    const la = a.fit(data).losses;
    const lb = b.fit(data).losses;
    for (let e = 0; e < la.length; e++)
      assert.ok(same(la[e]!, lb[e]!), `${label}: loss of epoch ${e}`);
    assertSameParameters(a, b, label);
    const pa = a.predict(data.x, rows);
    const pb = b.predict(data.x, rows);
    for (let i = 0; i < rows; i++) assert.ok(same(pa[i]!, pb[i]!), `${label}: prediction ${i}`);
  }
});

test('wasm: fused kernels equal the JS kernels exactly on random shapes (property)', async () => {
  const wasm = await createWasmBackend();
  const js = createJsBackend('float64');
  const fj = js.fused!;
  const fw = wasm.fused!;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 26 }),
      fc.integer({ min: 1, max: 26 }),
      fc.boolean(),
      fc.boolean(),
      (seed, rows, k, n, withSets, withPrev) => {
        const rng = new Rng(seed);
        const vals = (len: number, zeros: number, nonNeg = false): number[] =>
          Array.from({ length: len }, () =>
            rng.next() < zeros ? 0 : nonNeg ? rng.uniform(0, 2) : rng.uniform(-2, 2),
          );
        const h = vals(rows * k, 0.5, true);
        const W = vals(k * n, 0);
        const bias = vals(n, 0);
        const delta = vals(rows * n, 0.5);
        const run = (b: Backend) => {
          const f = b.fused!;
          const put = (v: number[]): FloatArray => {
            const a = b.alloc(v.length);
            a.set(v);
            return a;
          };
          const hv = put(h);
          const hs = f.newActiveSets(rows, k);
          f.findActive(hv, rows, k, hs);
          const out = b.alloc(rows * n);
          const os = f.newActiveSets(rows, n);
          f.denseForward(hv, put(W), put(bias), out, rows, k, n, true, hs, os);
          const lin = b.alloc(rows * n);
          f.denseForward(hv, put(W), put(bias), lin, rows, k, n, false, hs);
          const dv = put(delta);
          const ds = f.newActiveSets(rows, n);
          f.findActive(dv, rows, n, ds);
          const dW = put(vals(k * n, 0));
          const dB = put(vals(n, 0));
          const dP = withPrev ? put(vals(rows * k, 0)) : undefined;
          f.denseBackward(hv, put(W), dv, dW, dB, dP, rows, k, n, hs, withSets ? ds : undefined);
          const counts = Array.from(os.count.subarray(0, rows));
          const lists = counts.map((c, i) => Array.from(os.index.subarray(i * n, i * n + c)));
          const dPrev = dP ? [...dP] : [];
          return { out: [...out], lin: [...lin], lists, dW: [...dW], dB: [...dB], dP: dPrev };
        };
        const a = run(js);
        const b = run(wasm);
        assert.equal(b.lists, a.lists);
        for (const key of ['out', 'lin', 'dW', 'dB', 'dP'] as const) {
          a[key].forEach((v, i) => {
            if (!same(v, b[key][i]!))
              assert.unreachable(`${key}[${i}]: js ${v} vs wasm ${b[key][i]}`);
          });
        }
        void fj;
        void fw;
        return true;
      },
    ),
    { seed: FC_SEED, numRuns: 60 },
  );
});

test('wasm: a NaN input unit counts as active and propagates, as in the JS kernels', async () => {
  const wasm = await createWasmBackend();
  const f = wasm.fused!;
  const h = wasm.alloc(3);
  h.set([1, NaN, 0]);
  const hs = f.newActiveSets(1, 3);
  f.findActive(h, 1, 3, hs);
  assert.equal(Array.from(hs.index.subarray(0, hs.count[0]!)), [0, 1]);
  const W = wasm.alloc(6);
  W.set([1, 2, 3, 4, 5, 6]);
  const out = wasm.alloc(2);
  const os = f.newActiveSets(1, 2);
  f.denseForward(h, W, wasm.alloc(2), out, 1, 3, 2, true, hs, os);
  assert.ok(Number.isNaN(out[0]!) && Number.isNaN(out[1]!));
  assert.is(os.count[0], 2);
});

test('wasm: buffers from outside its memory (plain Float64Array) give the same results via the JS kernels', async () => {
  const wasm = await createWasmBackend();
  const p = new Float64Array([1, 2, 3]);
  const q = wasm.alloc(3);
  q.set([1, 2, 3]);
  const g = new Float64Array([0.5, -1, 2]);
  const g2 = wasm.alloc(3);
  g2.set(g);
  const step = { stepSize: 0.01, beta1: 0.9, beta2: 0.99, epsilon: 1e-7 };
  wasm.adamUpdate(p, g, new Float64Array(3), new Float64Array(3), 0, 3, step);
  wasm.adamUpdate(q, g2, wasm.alloc(3), wasm.alloc(3), 0, 3, step);
  assert.equal(Array.from(q), Array.from(p));
  // and the hand-computed first step: p − 0.01·0.1g/(0.1|g| + 1e-7)
  assert.ok(Math.abs(p[0]! - (1 - (0.01 * 0.05) / (0.05 + 1e-7))) < 1e-15);
});

test('wasm: networks spread over several arenas (more than 64 MiB in all, some straddling two) train identically', async () => {
  const wasm = await createWasmBackend();
  const js = createJsBackend('float64');
  // 20,000 inputs × 20: 3.2 MB per weight-sized buffer, ~13 MB per network; 6 networks fill
  // more than one 64 MiB arena, so one of them straddles two (it runs the JS kernels)
  const cols = 20_000;
  const data = sparseData(3, 12, cols, 0.0003);
  const buffers = new Set<ArrayBufferLike>();
  for (let m = 0; m < 6; m++) {
    const opts = { layers: 2, width: 20, epochs: 3 };
    const a = new Mlp(cols, opts, new Rng(m), js);
    const b = new Mlp(cols, opts, new Rng(m), wasm);
    a.fit(data);
    b.fit(data);
    assertSameParameters(a, b, `network ${m}`);
    for (const p of b.parameters()) buffers.add(p.buffer);
  }
  assert.ok(buffers.size >= 2, `${buffers.size} arena(s) used`);
});

test('wasm: resolveBackend gives the one shared wasm backend (the default), from BANANAS_BACKEND too; float32 falls back to js', async () => {
  const r = await resolveBackend('wasm');
  assert.is(r.backend.name, 'wasm');
  assert.is(r.reason, 'wasm (requested)');
  assert.is((await resolveBackend('wasm')).backend, r.backend);
  const f32 = await resolveBackend('wasm', { precision: 'float32' });
  assert.is(f32.backend.name, 'js');
  assert.is(f32.backend.precision, 'float32');
  assert.match(f32.reason, /^js \(wasm requested, fell back\): wasm is float64 only/);
  const saved = process.env.BANANAS_BACKEND;
  try {
    process.env.BANANAS_BACKEND = 'wasm';
    assert.is((await resolveBackend()).reason, 'wasm (from BANANAS_BACKEND)');
    delete process.env.BANANAS_BACKEND;
    // the default since issue #5: same results as js, faster
    assert.is((await resolveBackend()).reason, 'wasm (default)');
  } finally {
    if (saved === undefined) delete process.env.BANANAS_BACKEND;
    else process.env.BANANAS_BACKEND = saved;
  }
});

test.run();
