/**
 * Writes the NAS-Bench-101 tfrecord fixtures (valid and corrupt) into fixtures/nasbench101/.
 * Run: `npx tsc -p . && node dist/bench/nb101-make-fixtures.js`. The content comes from
 * src/bench/loaders/nasbench101-fixtures.ts; test/bench/tfrecord.test.ts checks that the
 * committed files equal a fresh build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/bench/data-path.js';
import { nb101Fixtures } from '../src/bench/loaders/nasbench101-fixtures.js';

const dir = join(packageRoot(), 'fixtures', 'nasbench101');
mkdirSync(dir, { recursive: true });
for (const [name, bytes] of nb101Fixtures()) {
  writeFileSync(join(dir, name), bytes);
  console.log(`${name}\t${bytes.length} bytes`);
}
