import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { packageRoot } from '../../src/bench/data-path.js';
import { PACKAGE } from '../../src/bench/version.js';

const root = packageRoot();

/** Every module reachable from `entry` by static or dynamic relative imports, with its bare imports. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specs = [
      ...text.matchAll(
        /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
      ),
    ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
    seen.set(
      file,
      specs.filter((s) => !s.startsWith('.')),
    );
    for (const s of specs) if (s.startsWith('.')) visit(resolve(dirname(file), s));
  };
  visit(entry);
  return seen;
}

test('the main entry point imports no Node built-in, directly or through any module it reaches', () => {
  const graph = importGraph(join(root, 'dist', 'src', 'index.js'));
  assert.ok(graph.size > 20, `walked ${graph.size} modules`);
  const offenders = [...graph].flatMap(([file, bare]) =>
    bare
      .filter(
        (b) =>
          b.startsWith('node:') ||
          ['fs', 'path', 'os', 'crypto', 'zlib', 'worker_threads', 'child_process'].includes(b),
      )
      .map((b) => `${file} imports ${b}`),
  );
  assert.equal(offenders, []);
});

test('the Node entry point re-exports the main one and adds the loaders', async () => {
  const main = await import('../../src/index.js');
  const node = await import('../../src/node.js');
  for (const name of Object.keys(main)) assert.ok(name in node, `${name} missing from node entry`);
  assert.type(node.loadNb201, 'function');
  assert.type(node.runExperiment, 'function');
});

test('the version written into result files is the package version', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  assert.equal(PACKAGE, { name: pkg.name, version: pkg.version });
});

test.run();
