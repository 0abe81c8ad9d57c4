/**
 * Load time and memory of the full NAS-Bench-101 table (nb101.csv.gz, 423,624 cells), against
 * the goal of issue #3: under 3 s and under 400 MB resident. Each repeat runs in a fresh child
 * process (so the figures include module loading but not a warm cache of the table); prints
 * the median and the range over the repeats.
 *
 * Run: `npx tsc -p . && node dist/bench/nb101-load.js [--data DIR] [--repeats 5]`
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../src/bench/data-path.js';
import { loadNb101 } from '../src/bench/loaders/nasbench101.js';
import { createNb101Oracle } from '../src/bench/nasbench101-oracle.js';
import { median } from '../src/core/stats.js';

const args = process.argv.slice(2);
const dataArg = args.includes('--data') ? args[args.indexOf('--data') + 1] : undefined;
const dataDir = resolveDataDir(dataArg);

/** One child's figures: seconds, MiB. */
interface Figures {
  loadS: number;
  oracleS: number;
  rssMB: number;
  heapMB: number;
  rows: number;
}

if (args.includes('--child')) {
  // one measurement: load + oracle construction, then resident memory
  const t0 = performance.now();
  const table = loadNb101(dataDir);
  const t1 = performance.now();
  createNb101Oracle(table);
  const t2 = performance.now();
  const mem = process.memoryUsage();
  const figures: Figures = {
    loadS: (t1 - t0) / 1000,
    oracleS: (t2 - t1) / 1000,
    rssMB: mem.rss / 2 ** 20,
    heapMB: mem.heapUsed / 2 ** 20,
    rows: table.size,
  };
  console.log(JSON.stringify(figures));
} else {
  const repeats = args.includes('--repeats') ? Number(args[args.indexOf('--repeats') + 1]) : 5;
  const runs: Figures[] = [];
  for (let k = 0; k < repeats; k++) {
    const out = execFileSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', '--data', dataDir],
      { encoding: 'utf8' },
    );
    runs.push(JSON.parse(out));
  }
  const row = (name: string, key: keyof Figures, goal: string, digits: number): void => {
    const v = runs.map((r) => r[key]);
    const range = `${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)}`;
    console.log(`| ${name} | ${median(v).toFixed(digits)} | ${range} | ${goal} |`);
  };
  const rows = runs[0]!.rows;
  console.log(`nb101.csv.gz: ${rows} rows, ${repeats} fresh processes, node ${process.version}`);
  console.log('| figure | median | range | goal (issue #3) |');
  console.log('| --- | --- | --- | --- |');
  row('load (gunzip + parse), s', 'loadS', '< 3 s', 2);
  row('oracle construction, s', 'oracleS', '—', 3);
  row('resident memory after load, MB', 'rssMB', '< 400 MB', 0);
  row('JS heap used, MB', 'heapMB', '—', 0);
}
