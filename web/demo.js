// The demo page's script: BANANAS and random search on NAS-Bench-201, in the browser, with the
// unchanged library (plain ES modules from dist/src). URL parameters (all optional):
// dataset, budget, seed, epochs (ensemble training epochs), backend (auto | wasm | js | gpu),
// baseline (0 to skip random search), autostart (1 to run on load).
import { nb201Space } from 'bananas-ts';
import { createOptimizer } from '../dist/src/api/index.js';
import { resolveBackend } from '../dist/src/nn/backend/resolve.js';
import { parseNb201Errors } from './nb201-table.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
for (const key of ['dataset', 'budget', 'seed'])
  if (params.has(key)) $(key).value = params.get(key);

// what the end-to-end test reads
const demo = (window.__demo = {
  state: 'idle',
  curves: {},
  optimum: undefined,
  backend: undefined,
  webgl: undefined,
  error: undefined,
});
const status = (state, text) => {
  demo.state = state;
  // the outcome as JSON in the DOM too, for drivers that only read the page (chromium --dump-dom)
  if (state === 'done' || state === 'error') $('result').textContent = JSON.stringify(demo);
  $('status').dataset.state = state;
  $('status').textContent = text;
};

// a hardware WebGL context: software renderers (SwiftShader, llvmpipe) run gpu.js kernels ~40×
// slower than the JS backend here (40 queries: 67 s against 1.8 s in headless Chromium), so
// they count as no GPU
function hardwareWebgl() {
  try {
    const gl =
      document.createElement('canvas').getContext('webgl2') ??
      document.createElement('canvas').getContext('webgl');
    if (!gl) return { ok: false, renderer: 'no WebGL' };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    return { ok: !/swiftshader|llvmpipe|softpipe|software/i.test(renderer), renderer };
  } catch (e) {
    return { ok: false, renderer: `WebGL failed: ${e}` };
  }
}

// chart: x = queries, y = test error (%) of the incumbent
function draw(budget, optimum) {
  const svg = $('chart');
  const W = 720,
    H = 360,
    L = 50,
    R = 10,
    T = 10,
    B = 30;
  const all = Object.values(demo.curves).flat();
  const hi = Math.min(Math.max(...all, optimum + 1), optimum + 12);
  const lo = optimum - 0.5;
  const x = (q) => L + ((q - 1) / Math.max(1, budget - 1)) * (W - L - R);
  const y = (v) => T + (1 - (Math.min(v, hi) - lo) / (hi - lo)) * (H - T - B);
  let out = `<line class="optimum" x1="${L}" x2="${W - R}" y1="${y(optimum)}" y2="${y(optimum)}"/>`;
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    out += `<text x="4" y="${y(v) + 4}" font-size="11">${v.toFixed(1)}</text>`;
  }
  out += `<text x="${W / 2}" y="${H - 6}" font-size="12">queries (1–${budget})</text>`;
  let legend = 0;
  for (const [name, curve] of Object.entries(demo.curves)) {
    const pts = curve.map((v, i) => `${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    out += `<polyline class="${name}" fill="none" stroke-width="2" points="${pts}"/>`;
    const last = curve.at(-1);
    out += `<text x="${W - 200}" y="${24 + 16 * legend++}" font-size="12" class="${name}">${name}: ${last === undefined ? '…' : last.toFixed(2) + ' %'}</text>`;
  }
  out += `<text x="${W - 200}" y="${24 + 16 * legend}" font-size="12">optimum: ${optimum.toFixed(2)} %</text>`;
  svg.innerHTML = out;
}

async function run() {
  const dataset = $('dataset').value;
  const budget = Number($('budget').value);
  const seed = Number($('seed').value);
  const epochs = params.has('epochs') ? Number(params.get('epochs')) : undefined;
  const webgl = hardwareWebgl();
  const backendChoice = params.get('backend') ?? (webgl.ok ? 'auto' : 'wasm');
  try {
    // load: the table from the local server
    status('loading', `fetching /data/nb201.csv …`);
    const res = await fetch('/data/nb201.csv');
    if (!res.ok) throw new Error(`GET /data/nb201.csv: ${res.status} ${res.statusText}`);
    const { table, bestTest } = parseNb201Errors(await res.text(), dataset);
    demo.optimum = bestTest;

    // backend: gpu.js when hardware WebGL works (and passes its self-check), else wasm (else js)
    const resolved = await resolveBackend(backendChoice);
    demo.backend = resolved.reason;
    demo.webgl = webgl.renderer;
    $('backend').textContent = `backend: ${resolved.reason} (WebGL renderer: ${webgl.renderer})`;
    const ensemble = {
      backend: resolved.backend.name.startsWith('gpu') ? 'gpu' : resolved.backend.name === 'wasm' ? 'wasm' : 'js',
      ...(epochs === undefined ? {} : { epochs }),
    };

    // search: one query per algorithm per step, each told the table's validation error
    const names = params.get('baseline') === '0' ? ['bananas'] : ['bananas', 'random'];
    const runs = names.map((name) => ({
      name,
      opt: createOptimizer(name, nb201Space, {
        seed,
        budget,
        options: name === 'bananas' ? { ensemble } : {},
      }),
      best: Infinity,
      bestTest: NaN,
    }));
    demo.curves = Object.fromEntries(names.map((n) => [n, []]));
    const started = performance.now();
    for (let q = 1; q <= budget; q++) {
      for (const r of runs) {
        const [arch] = await r.opt.ask();
        if (arch === undefined) continue;
        const row = table.get(nb201Space.hash(arch));
        r.opt.tell(arch, row.valError, { testError: row.testError });
        if (row.valError < r.best) [r.best, r.bestTest] = [row.valError, row.testError];
        demo.curves[r.name].push(r.bestTest);
      }
      draw(budget, bestTest);
      status(
        'running',
        `query ${q} / ${budget}  (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      await new Promise((ok) => setTimeout(ok, 0));
    }
    const summary = runs.map((r) => `${r.name} ${r.bestTest.toFixed(2)} %`).join(', ');
    status(
      'done',
      `done: ${budget} queries in ${((performance.now() - started) / 1000).toFixed(1)} s; best test error ${summary} (optimum ${bestTest.toFixed(2)} %)`,
    );
  } catch (e) {
    demo.error = String(e?.stack ?? e);
    status('error', `error: ${e?.message ?? e}`);
  }
}

$('controls').addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (demo.state !== 'running' && demo.state !== 'loading') void run();
});
if (params.get('autostart') === '1') void run();
