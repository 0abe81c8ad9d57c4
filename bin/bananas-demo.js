#!/usr/bin/env node
// The `bananas-demo` command: serves the browser demo (BANANAS on NAS-Bench-201 in the page).
// usage: bananas-demo [--port 8080] [--host 127.0.0.1] [--data DIR]; needs `npm run build` first.
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const value = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
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
  const port = Number(value('--port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be an integer in 0..65535, got ${value('--port')}`);
  const server = await startDemoServer({
    port,
    host: value('--host') ?? '127.0.0.1',
    dataDir: resolveDataDir(value('--data')),
  });
  process.stdout.write(`BANANAS demo: ${server.url}web/index.html  (Ctrl-C to stop)\n`);
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
} catch (e) {
  process.stderr.write(`bananas-demo: error: ${e.message}\n`);
  process.exit(1);
}
