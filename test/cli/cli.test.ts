import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, resolveDataDir } from '../../src/bench/data-path.js';
import { main, type CliIo } from '../../src/cli/main.js';

const dataDir = resolveDataDir();
const bin = join(packageRoot(), 'bin', 'bananas.js');

/** Runs the CLI in-process and captures what it prints. */
async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false, env };
  const code = await main(args, io);
  return { code, out, err };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'bananas-cli-'));

test('unknown algorithm: exit 2 and one line that lists the valid names', async () => {
  const r = await cli(['run', '--algorithms', 'bananaz', '--data', dataDir]);
  assert.is(r.code, 2);
  assert.is(r.err.trim().split('\n').length, 1);
  assert.match(
    r.err,
    /unknown algorithm 'bananaz'; valid: bananas, evolution, random, local, gp, dngo/,
  );
});

test('unknown dataset, unknown flag, malformed number: exit 2 with the offending value', async () => {
  const out = tmp();
  try {
    const a = await cli(['run', '--dataset', 'mnist', '--data', dataDir, '--out', out]);
    assert.is(a.code, 2);
    assert.match(a.err, /mnist/);
    const b = await cli(['run', '--trails', '3']);
    assert.is(b.code, 2);
    assert.match(b.err, /unknown flag --trails/);
    const c = await cli(['run', '--budget', '15x']);
    assert.is(c.code, 2);
    assert.match(c.err, /--budget expects an integer below 2\^53, got '15x'/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('budget below the initial sample: exit 2, and no trial file is written', async () => {
  const out = tmp();
  try {
    const r = await cli([
      'run',
      '--budget',
      '5',
      '--algorithms',
      'bananas',
      '--data',
      dataDir,
      '--out',
      join(out, 'x'),
    ]);
    assert.is(r.code, 2);
    assert.match(r.err, /budget 5 is below bananas's initial random sample of 10/);
    assert.not.ok(existsSync(join(out, 'x', 'trials')), 'nothing written');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('missing data folder: exit 1 naming the folder and how to set it', async () => {
  const r = await cli(['run', '--data', '/nonexistent/bananas-data']);
  assert.is(r.code, 1);
  assert.match(r.err, /\/nonexistent\/bananas-data/);
  assert.match(r.err, /--data DIR or set BANANAS_DATA/);
  const env = await cli(['run'], { BANANAS_DATA: '/nonexistent/env-data' });
  assert.match(env.err, /\/nonexistent\/env-data \(BANANAS_DATA\)/);
});

test('corrupt table: exit 1 naming the file and the line; no result file passed off as complete', async () => {
  const dir = tmp();
  try {
    mkdirSync(join(dir, 'nasbench201'));
    // the first 101 lines of the real table: a truncated file (header + 100 rows)
    const lines = readFileSync(join(dataDir, 'nasbench201', 'nb201.csv'), 'utf8')
      .split('\n')
      .slice(0, 101);
    writeFileSync(join(dir, 'nasbench201', 'nb201.csv'), lines.join('\n') + '\n');
    const outDir = tmp();
    const r = await cli([
      'run',
      '--data',
      dir,
      '--out',
      join(outDir, 'out'),
      '--trials',
      '1',
      '--algorithms',
      'random',
    ]);
    assert.is(r.code, 1);
    assert.match(r.err, /nb201\.csv/);
    assert.match(r.err, /15,?625|rows/);
    assert.not.ok(
      existsSync(join(outDir, 'out', 'trials')) &&
        readdirSync(join(outDir, 'out', 'trials')).length > 0,
    );
    lines[5] = lines[5]!.replace(/,[0-9.]+,/, ',abc,');
    writeFileSync(join(dir, 'nasbench201', 'nb201.csv'), lines.join('\n') + '\n');
    const bad = await cli([
      'run',
      '--data',
      dir,
      '--trials',
      '1',
      '--algorithms',
      'random',
      '--out',
      join(outDir, 'out2'),
    ]);
    assert.is(bad.code, 1);
    assert.match(bad.err, /nb201\.csv:6/);
    // a number that parses but is no accuracy (950.5 %) and a hex number are refused too
    for (const [value, message] of [
      ['950.5', /expected a value in \[0, 100\], found 950\.5/],
      ['0x50', /expected a finite decimal number, found '0x50'/],
    ] as const) {
      lines[5] = lines[5]!.replace(/,(abc|950\.5|0x50|[0-9.]+),/, `,${value},`);
      writeFileSync(join(dir, 'nasbench201', 'nb201.csv'), lines.join('\n') + '\n');
      const r2 = await cli([
        'run',
        '--data',
        dir,
        '--trials',
        '1',
        '--algorithms',
        'random',
        '--out',
        join(outDir, 'out3'),
      ]);
      assert.is(r2.code, 1);
      assert.match(r2.err, message);
    }
    rmSync(outDir, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--table reads an official tfrecord for nb101; a cell outside it is named, and nb201 refuses the flag', async () => {
  const fixture = join(packageRoot(), 'fixtures', 'nasbench101', 'valid.tfrecord');
  const out = tmp();
  try {
    // the fixture holds 4 cells: a random cell is almost surely outside it
    const r = await cli([
      'run',
      '--space',
      'nb101',
      '--table',
      fixture,
      '--algorithms',
      'random',
      '--trials',
      '1',
      '--budget',
      '3',
      '--workers',
      '1',
      '--out',
      join(out, 'a'),
      '--data',
      dataDir,
    ]);
    assert.is(r.code, 1);
    assert.match(r.err, /is not in .*valid\.tfrecord/);
    const b = await cli([
      'run',
      '--space',
      'nb201',
      '--table',
      fixture,
      '--data',
      dataDir,
      '--out',
      join(out, 'b'),
    ]);
    assert.is(b.code, 2);
    assert.match(b.err, /--table\) applies to --space nb101 only/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('checkpoints outside the budget, --out that is a file or inside the data folder, and help for nothing are refused', async () => {
  const out = tmp();
  try {
    const a = await cli([
      'run',
      '--budget',
      '20',
      '--checkpoints',
      '500,10',
      '--data',
      dataDir,
      '--out',
      join(out, 'a'),
    ]);
    assert.is(a.code, 2);
    assert.match(a.err, /--checkpoints 500 outside 1\.\.20/);
    writeFileSync(join(out, 'afile'), 'x');
    const b = await cli(['run', '--data', dataDir, '--out', join(out, 'afile')]);
    assert.is(b.code, 2);
    assert.match(b.err, /is a file, not a folder/);
    const c = await cli(['run', '--data', dataDir, '--out', join(dataDir, 'x')]);
    assert.is(c.code, 2);
    assert.match(c.err, /inside the benchmark data folder/);
    assert.not.ok(existsSync(join(dataDir, 'x')));
    const d = await cli(['help', 'foo']);
    assert.is(d.code, 2);
    const e = await cli(['run', '--seed', '99999999999999999999']);
    assert.is(e.code, 2);
    assert.match(e.err, /--seed expects an integer below 2\^53/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('an --out reached through a symbolic link into the data folder is refused, for run and report', async () => {
  const dir = tmp();
  try {
    symlinkSync(dataDir, join(dir, 'datalink'));
    const r = await cli(['run', '--data', dataDir, '--out', join(dir, 'datalink', 'sub')]);
    assert.is(r.code, 2);
    assert.match(r.err, /inside the benchmark data folder/);
    assert.not.ok(existsSync(join(dataDir, 'sub')));
    const ok = await cli([
      'run',
      '--algorithms',
      'random',
      '--trials',
      '1',
      '--budget',
      '10',
      '--data',
      dataDir,
      '--out',
      join(dir, 'res'),
      '--quiet',
    ]);
    assert.is(ok.code, 0, ok.err);
    const rep = await cli(['report', join(dir, 'res'), '--out', join(dir, 'datalink', 'plots')], {
      BANANAS_DATA: dataDir,
    });
    assert.is(rep.code, 2);
    assert.not.ok(existsSync(join(dataDir, 'plots')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('benchmark options given at their defaults resume the same run', async () => {
  const out = tmp();
  try {
    const args = [
      'run',
      '--dataset',
      'cifar100',
      '--algorithms',
      'random',
      '--trials',
      '1',
      '--budget',
      '10',
      '--data',
      dataDir,
      '--out',
      out,
      '--quiet',
    ];
    assert.is((await cli(args)).code, 0);
    const again = await cli([...args, '--test-split', 'x-test', '--fidelity', '200']);
    assert.is(again.code, 0, again.err);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the replay line repeats every effective option', async () => {
  const out = tmp();
  try {
    const r = await cli([
      'run',
      '--algorithms',
      'bananas,random',
      '--epochs',
      '3',
      '--encoding',
      'path',
      '--trials',
      '1',
      '--budget',
      '20',
      '--workers',
      '1',
      '--data',
      dataDir,
      '--out',
      out,
    ]);
    assert.is(r.code, 0, r.err);
    const line = r.err.split('\n').find((l) => l.includes('replay with'))!;
    for (const part of [
      '--algorithms bananas,random',
      '--epochs 3',
      '--encoding path',
      '--trials 1',
      '--budget 20',
      '--seed 0',
      `--out ${out}`,
    ])
      assert.ok(line.includes(part), `${part} in ${line}`);
    const again = await cli(
      line
        .replace(/^.*replay with: bananas /, '')
        .split(' ')
        .concat(['--data', dataDir, '--quiet']),
    );
    assert.is(again.code, 0, again.err);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('--identity path gives nb101 the reference de-duplication key; other spaces refuse it', async () => {
  const out = tmp();
  try {
    const r = await cli([
      'run',
      '--space',
      'nb101',
      '--identity',
      'path',
      '--algorithms',
      'random',
      '--trials',
      '1',
      '--budget',
      '12',
      '--workers',
      '1',
      '--data',
      dataDir,
      '--out',
      join(out, 'a'),
      '--quiet',
    ]);
    assert.is(r.code, 0, r.err);
    const trial = JSON.parse(readFileSync(join(out, 'a', 'trials', 'random-0.json'), 'utf8')) as {
      queries: { hash: string }[];
    };
    assert.ok(
      trial.queries.every((q) => q.hash.startsWith('path:')),
      'path-tuple keys',
    );
    const b = await cli(['run', '--identity', 'path', '--data', dataDir, '--out', join(out, 'b')]);
    assert.is(b.code, 2);
    assert.match(b.err, /--identity applies to --space nb101 only/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('--json prints one JSON summary with the checkpoints', async () => {
  const out = tmp();
  try {
    const r = await cli([
      'run',
      '--algorithms',
      'random,evolution',
      '--trials',
      '2',
      '--budget',
      '50',
      '--data',
      dataDir,
      '--out',
      out,
      '--json',
      '--workers',
      '1',
    ]);
    assert.is(r.code, 0, r.err);
    const s = JSON.parse(r.out);
    assert.is(s.budget, 50);
    assert.equal(s.checkpoints, [50]);
    assert.equal(
      s.algorithms.map((a: { algorithm: string }) => a.algorithm),
      ['random', 'evolution'],
    );
    assert.ok(
      s.algorithms[0].at[0].testError.mean > 5 && s.algorithms[0].at[0].testError.mean < 20,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the installed command exits non-zero on bad input with one line and no stack trace', () => {
  const r = spawnSync(process.execPath, [bin, 'run', '--space', 'nb999'], {
    encoding: 'utf8',
    env: { ...process.env, BANANAS_DEBUG: '' },
  });
  assert.is(r.status, 2);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.not.match(r.stderr, /\n\s+at /);
  assert.match(r.stderr, /--space expects one of nb201, nb101, got 'nb999'/);
});

test('a run killed with SIGKILL and started again ends with the same summary as an uninterrupted run', async () => {
  const dir = tmp();
  try {
    const args = [
      'run',
      '--algorithms',
      'bananas',
      // trials long enough (about 0.4 s each) for the poll below to kill between them
      '--trials',
      '6',
      '--budget',
      '60',
      '--workers',
      '1',
      '--data',
      dataDir,
      '--json',
      '--quiet',
    ];
    const whole = spawnSync(process.execPath, [bin, ...args, '--out', join(dir, 'whole')], {
      encoding: 'utf8',
    });
    assert.is(whole.status, 0, whole.stderr);

    // start, wait for the first finished trial, kill hard in the middle of the run
    const out = join(dir, 'killed');
    const child = spawn(process.execPath, [bin, ...args, '--out', out], { stdio: 'ignore' });
    const trialsDir = join(out, 'trials');
    const done = (): number =>
      existsSync(trialsDir) ? readdirSync(trialsDir).filter((f) => f.endsWith('.json')).length : 0;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (done() >= 1 || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 10);
    });
    await new Promise((r) => child.once('exit', r));
    const atKill = done();
    assert.ok(atKill >= 1 && atKill < 6, `killed with ${atKill} of 6 trials written`);

    const resumed = spawnSync(process.execPath, [bin, ...args, '--out', out], { encoding: 'utf8' });
    assert.is(resumed.status, 0, resumed.stderr);
    const a = JSON.parse(whole.stdout);
    const b = JSON.parse(resumed.stdout);
    assert.equal(b.algorithms, a.algorithms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
