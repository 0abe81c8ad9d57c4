import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../src/web-server/server.js';

// a throw-away root and data folder, so the test needs neither the build nor the real table
const base = mkdtempSync(join(tmpdir(), 'bananas-demo-server-'));
const root = join(base, 'root');
const data = join(base, 'data');
mkdirSync(join(root, 'web'), { recursive: true });
mkdirSync(join(root, 'dist', 'src'), { recursive: true });
mkdirSync(join(data, 'nasbench201'), { recursive: true });
writeFileSync(join(root, 'web', 'index.html'), '<h1>demo</h1>');
writeFileSync(join(root, 'dist', 'src', 'index.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'not served');
writeFileSync(join(data, 'nasbench201', 'nb201.csv'), 'index,arch_str\n');

test('serves the page, the library and the table; redirects /; refuses the rest', async () => {
  const server = await startDemoServer({ port: 0, root, dataDir: data });
  try {
    const get = (path: string, init?: RequestInit): Promise<Response> =>
      fetch(new URL(path, server.url), { redirect: 'manual', ...init });
    const page = await get('/web/index.html');
    assert.is(page.status, 200);
    assert.is(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.is(await page.text(), '<h1>demo</h1>');
    // gpu.js' browser build comes from the resolved package, not from `root`
    const gpu = await get('/node_modules/gpu.js/dist/gpu-browser.min.js', { method: 'HEAD' });
    assert.is(gpu.status, 200);
    assert.ok(Number(gpu.headers.get('content-length')) > 100_000);
    const lib = await get('/dist/src/index.js');
    assert.is(lib.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.is(await (await get('/data/nb201.csv')).text(), 'index,arch_str\n');
    const home = await get('/');
    assert.is(home.status, 302);
    assert.is(home.headers.get('location'), '/web/index.html');
    for (const path of [
      '/secret.txt',
      '/web/../secret.txt',
      '/web/%2e%2e/secret.txt',
      '/dist/src/%2e%2e/%2e%2e/secret.txt',
      '/web/',
    ]) {
      assert.is((await get(path)).status, 404, path);
    }
    assert.is((await get('/web/index.html', { method: 'POST' })).status, 405);
  } finally {
    await server.close();
  }
});

test('a port in use is reported as the listen error', async () => {
  const a = await startDemoServer({ port: 0, root, dataDir: data });
  try {
    const port = Number(new URL(a.url).port);
    await startDemoServer({ port, root, dataDir: data }).then(
      () => assert.unreachable('second server started on a used port'),
      (e: NodeJS.ErrnoException) => assert.is(e.code, 'EADDRINUSE'),
    );
  } finally {
    await a.close();
  }
});

test.after(() => rmSync(base, { recursive: true, force: true }));
test.run();
