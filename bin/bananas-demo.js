#!/usr/bin/env node
// The `bananas-demo` command: serves the browser demo (BANANAS on NAS-Bench-201 in the page).
// usage: bananas-demo [--port 8080] [--host 127.0.0.1] [--data DIR]; needs `npm run build` first.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const fail = (message) => {
  process.stderr.write(`bananas-demo: error: ${message}\n`);
  process.exit(2);
};
// flags: --port N, --host H, --data DIR (each with a value), --help
const flags = {};
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--help' || a === '-h') continue;
  if (!['--port', '--host', '--data'].includes(a)) fail(`unknown argument '${a}'; valid: --port N --host H --data DIR`);
  const v = args[i + 1];
  if (v === undefined || v === '' || v.startsWith('--')) fail(`${a} needs a value`);
  flags[a] = v;
  i++;
}
const value = (flag) => flags[flag];
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'usage: bananas-demo [--port 8080] [--host 127.0.0.1] [--data DIR]\n' +
      'Serves the BANANAS-on-NAS-Bench-201 browser demo and prints its URL.\n',
  );
  process.exit(0);
}
const entry = new URL('../dist/src/web-server/server.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('bananas-demo: error: dist/ is missing; run `npm run build` first\n');
  process.exit(1);
}
try {
  const { startDemoServer } = await import(entry.href);
  const { resolveDataDir } = await import(
    new URL('../dist/src/bench/data-path.js', import.meta.url).href
  );
  const portText = value('--port') ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) fail(`--port must be an integer in 0..65535, got '${portText}'`);
  const dataDir = resolveDataDir(value('--data'));
  if (!existsSync(join(dataDir, 'nasbench201', 'nb201.csv'))) {
    throw new Error(`${join(dataDir, 'nasbench201', 'nb201.csv')}: file not found; the demo serves this table`);
  }
  const server = await startDemoServer({
    port,
    host: value('--host') ?? '127.0.0.1',
    dataDir,
  });
  process.stdout.write(`BANANAS demo: ${server.url}web/index.html  (Ctrl-C to stop)\n`);
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
} catch (e) {
  process.stderr.write(`bananas-demo: error: ${e.message}\n`);
  process.exit(1);
}
