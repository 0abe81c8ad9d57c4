import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The browser loads dist/src as plain ES modules through an import map that knows only
// 'bananas-ts' and 'gpu.js'. So the static import graph of the entry points the page uses must
// be relative imports only (no node: built-ins, no bare packages), with gpu.js reached only by
// a dynamic import.

const distSrc = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const IMPORT =
  /(?:^|[;\n])\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importGraph(entry: string): { modules: Set<string>; bare: string[] } {
  const modules = new Set<string>();
  const bare: string[] = [];
  const walk = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
      else
        bare.push(`${relative(distSrc, file)} → ${spec}${m[3] !== undefined ? ' (dynamic)' : ''}`);
    }
  };
  walk(entry);
  return { modules, bare };
}

for (const entry of ['index.js', 'api/index.js', 'nn/backend/resolve.js']) {
  test(`dist/src/${entry} imports no Node built-in or bare package (gpu.js only dynamically)`, () => {
    const { modules, bare } = importGraph(resolve(distSrc, entry));
    assert.ok(modules.size >= 1);
    const offending = bare.filter((b) => !b.endsWith('→ gpu.js (dynamic)'));
    assert.equal(offending, [], `browser-unsafe imports:\n${offending.join('\n')}`);
  });
}

test('the import scanner finds node: built-ins (it can fail)', () => {
  const { bare } = importGraph(resolve(distSrc, 'web-server', 'server.js'));
  assert.ok(
    bare.some((b) => b.includes('node:http')),
    bare.join('\n'),
  );
});

test.run();
