import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/bench/data-path.js';

test('the packed tarball installs in a fresh folder and runs the examples (issue #7)', () => {
  const work = mkdtempSync(join(tmpdir(), 'bananas-pack-test-'));
  try {
    const r = spawnSync('bash', [join(packageRoot(), 'examples', 'check-pack.sh'), work], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, CHECK_PACK_NO_BUILD: '1' },
    });
    assert.is(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /node categorical\.mjs\n40 evaluations of 240; best/);
    assert.match(r.stdout, /check-pack: ok/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
