/**
 * Issue #5 bench: time to fit one BANANAS ensemble (5 nets of 10 × 20, Adam, batch 32, MAE) on
 * path-encoding-like data, per backend (js float64 and wasm everywhere; float32 and unfused js at
 * N = 150), at N ∈ {10, 50, 150, 500} training points and D ∈ {30, 155, 364} features, with
 * PyTorch 1.x on one thread running the same schedule on the same data in the same run when
 * `import torch` works.
 *
 *   node dist/bench/ensemble-fit.js [--quick] [--epochs 200] [--repeats 5] [--no-torch]
 *
 * Prints medians over repeats (one warm-up run excluded): wall ms and CPU ms of this process
 * (CPU time is the fairer figure on a shared machine), and the PyTorch/ours ratio of CPU times.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/core/rng.js';
import type { Backend } from '../src/nn/backend/backend.js';
import { createJsBackend } from '../src/nn/backend/cpu.js';
import { createGpuJsBackend } from '../src/nn/backend/gpu/index.js';
import { createWasmBackend } from '../src/nn/backend/wasm/index.js';
import { defaultEnsembleOptions } from '../src/nn/ensemble.js';
import { Mlp } from '../src/nn/mlp.js';
import type { Dataset } from '../src/nn/types.js';
import { hasFlag, ms, pathLikeData, printTable, timeIt, type Timing } from './common.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Fits five members on `backend` with independent child generators, as trainEnsemble does. */
function fitEnsemble(data: Dataset, epochs: number, backend: Backend, seed: number): void {
  const rng = new Rng(seed);
  for (let m = 0; m < 5; m++) {
    new Mlp(data.cols, { ...defaultEnsembleOptions, epochs }, rng.split(), backend).fit(data);
  }
}

/** A Python with torch importable: $BANANAS_PYTHON, python3, /usr/bin/python3 (Debian's). */
export function findTorchPython(): { python?: string; version?: string; why: string } {
  const tried: string[] = [];
  for (const py of [process.env.BANANAS_PYTHON, 'python3', '/usr/bin/python3']) {
    if (py === undefined || py === '') continue;
    const r = spawnSync(py, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python: py, version: r.stdout.trim(), why: '' };
    tried.push(py);
  }
  return { why: `PyTorch not available (no 'import torch' in ${tried.join(', ')})` };
}

/** Times the torch script on the same data; undefined when it fails. */
function torchFit(
  python: string,
  data: Dataset,
  epochs: number,
  repeats: number,
): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'bananas-bench-'));
  try {
    writeFileSync(
      join(dir, 'x.f32'),
      Buffer.from(data.x.buffer, data.x.byteOffset, data.x.byteLength),
    );
    writeFileSync(
      join(dir, 'y.f64'),
      Buffer.from(data.y.buffer, data.y.byteOffset, data.y.byteLength),
    );
    const here = dirname(fileURLToPath(import.meta.url));
    const script = join(here, '..', '..', 'bench', 'torch_ensemble.py');
    const args = [script, dir, data.rows, data.cols, epochs, repeats, 1].map(String);
    const r = spawnSync(python, args, {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    if (r.status !== 0) return undefined;
    return JSON.parse(r.stdout.trim().split('\n').pop()!).cpu_s * 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Backend variants timed in the table; each runs in its own process (see `childTiming`). */
const VARIANTS: Record<string, () => Backend | Promise<Backend>> = {
  js64: () => createJsBackend('float64'),
  wasm: () => createWasmBackend(),
  js32: () => createJsBackend('float32'),
  unfused: () => createJsBackend('float64', { fused: false }),
};
type Variant = 'js64' | 'wasm' | 'js32' | 'unfused';

/**
 * Times one variant in a fresh Node process, so V8 compiles the kernels for that variant's
 * array type only (timing float32 and float64 in one process makes the hot loops polymorphic
 * and slows both, which a real run never sees).
 */
function childTiming(
  variant: Variant,
  n: number,
  d: number,
  epochs: number,
  repeats: number,
): Timing {
  const script = fileURLToPath(import.meta.url);
  const args = [script, '--child', variant, n, d, epochs, repeats].map(String);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child ${variant} N=${n} D=${d} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Timing;
}

/** Child mode: `--child VARIANT N D EPOCHS REPEATS` prints one JSON timing. */
async function runChild(): Promise<void> {
  const i = process.argv.indexOf('--child');
  const variant = process.argv[i + 1] as Variant;
  const [n, d, epochs, repeats] = process.argv.slice(i + 2, i + 6).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const data = pathLikeData(1000 + n + d, n, d);
  const backend = await VARIANTS[variant]!();
  console.log(JSON.stringify(await timeIt(() => fitEnsemble(data, epochs, backend, 1), repeats)));
}

/** Runs the bench and prints its tables. */
export async function runEnsembleFitBench(): Promise<void> {
  const quick = hasFlag('quick');
  const epochs = arg('epochs', 200);
  const repeats = arg('repeats', quick ? 3 : 5);
  const sizes = quick ? [150] : [10, 50, 150, 500];
  const dims = [30, 155, 364];
  const torch = hasFlag('no-torch') ? { why: 'PyTorch skipped (--no-torch)' } : findTorchPython();
  console.log(
    `ensemble fit: 5 × MLP 10×20, ${epochs} epochs, batch 32, Adam, MAE; medians of ${repeats} ` +
      `(1 warm-up), each backend variant in its own process; ` +
      (torch.python !== undefined
        ? `PyTorch ${torch.version} via ${torch.python}, 1 thread`
        : torch.why),
  );
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    for (const d of dims) {
      const data = pathLikeData(1000 + n + d, n, d);
      const main = childTiming('js64', n, d, epochs, repeats);
      const wasm = childTiming('wasm', n, d, epochs, repeats);
      // variants only where they tell something: float32 storage and the unfused reference at N = 150
      const f32 = n === 150 ? childTiming('js32', n, d, epochs, repeats) : undefined;
      const unf = n === 150 ? childTiming('unfused', n, d, epochs, repeats) : undefined;
      const tRep = n >= 500 ? 1 : Math.min(repeats, 3);
      const torchMs =
        torch.python !== undefined ? torchFit(torch.python, data, epochs, tRep) : undefined;
      rows.push([
        n,
        d,
        ms(main.wallMs),
        ms(main.cpuMs),
        f32 ? ms(f32.cpuMs) : '',
        unf ? ms(unf.cpuMs) : '',
        torchMs !== undefined ? ms(torchMs) : 'n/a',
        torchMs !== undefined ? `${(torchMs / main.cpuMs).toFixed(1)}×` : '',
        ms(wasm.cpuMs),
        torchMs !== undefined ? `${(torchMs / wasm.cpuMs).toFixed(1)}×` : '',
        `${(main.cpuMs / wasm.cpuMs).toFixed(2)}×`,
      ]);
    }
  }
  printTable(
    'Ensemble fit time (ms; "js" = plain TypeScript backend, float64, fused sparse kernels; ' +
      '"wasm" = the default, WebAssembly SIMD kernels, float64, same results)',
    [
      'N',
      'D',
      'js wall',
      'js cpu',
      'js f32 cpu',
      'js unfused cpu',
      'torch cpu',
      'torch/js',
      'wasm cpu',
      'torch/wasm',
      'js/wasm',
    ],
    rows,
  );
  const js64 = createJsBackend('float64');
  // gpu.js backends: one small configuration, 20 epochs (they launch a kernel per primitive)
  const small = pathLikeData(7, 10, 30);
  const gpuEpochs = 20;
  const gpuRows: (string | number)[][] = [];
  for (const mode of ['cpu', 'webasm'] as const) {
    let backend: Backend;
    try {
      backend = await createGpuJsBackend(mode);
    } catch (e) {
      gpuRows.push([`gpu.js ${mode}`, `unavailable: ${(e as Error).message}`, '']);
      continue;
    }
    const t = await timeIt(() => fitEnsemble(small, gpuEpochs, backend, 1), 1);
    const j = await timeIt(() => fitEnsemble(small, gpuEpochs, js64, 1), 3);
    gpuRows.push([backend.name, ms(t.cpuMs), ms(j.cpuMs)]);
    backend.dispose?.();
  }
  printTable(
    `gpu.js backends at N = 10, D = 30, ${gpuEpochs} epochs (cpu ms)`,
    ['backend', 'gpu.js', 'js'],
    gpuRows,
  );
}

if (process.argv.includes('--child')) {
  await runChild();
} else if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runEnsembleFitBench();
}
