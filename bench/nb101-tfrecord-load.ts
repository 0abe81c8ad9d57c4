/**
 * Reads a full-size NAS-Bench-101 tfrecord without TensorFlow: writes a synthetic file with the
 * official layout and size (all 423,624 cells of nb101.csv.gz × 3 repeats at 108 epochs =
 * 1,270,872 records, ~0.5 GB, like `nasbench_only108.tfrecord`; metrics synthetic: each repeat's
 * accuracies are the cell's mean test accuracy ± 0.001, times from NB101_TRAIN_TIME_FIT), then
 * times the streaming reader and the table builder and prints time and resident memory.
 * The file is deleted afterwards unless `--keep`.
 *
 * Run: `npx tsc -p . && node dist/bench/nb101-tfrecord-load.js [--data DIR] [--out FILE]
 * [--keep]`
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../src/bench/data-path.js';
import { loadNb101 } from '../src/bench/loaders/nasbench101.js';
import { loadNb101TfRecord, readNb101TfRecord } from '../src/bench/loaders/nasbench101-tfrecord.js';
import { encodeNb101RecordJson } from '../src/bench/loaders/nasbench101-tfrecord-writer.js';
import { encodeTfRecord } from '../src/bench/loaders/tfrecord-writer.js';
import { NB101_TRAIN_TIME_FIT } from '../src/bench/nasbench101-oracle.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;

// child mode: one measurement in a fresh process, printed as JSON
const childMode = opt('--child');
if (childMode !== undefined) {
  const file = opt('--file')!;
  const t0 = performance.now();
  let records = 0;
  let size = 0;
  let testAccSum = 0;
  if (childMode === 'stream') {
    for (const e of readNb101TfRecord(file)) {
      records += e.metrics.evaluationData.length === 3 ? 1 : 0;
    }
  } else {
    const t = loadNb101TfRecord(file);
    size = t.size;
    for (let i = 0; i < t.size; i++) testAccSum += t.testAccMean[i]!;
  }
  const s = (performance.now() - t0) / 1000;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(JSON.stringify({ records, size, testAccSum, s, rss }));
  process.exit(0);
}

const table = loadNb101(resolveDataDir(opt('--data')));
const out = opt('--out') ?? join(tmpdir(), 'nb101-synthetic-only108.tfrecord');

// write: 3 records per cell, buffered
const t0 = performance.now();
const fd = openSync(out, 'w');
let pending: Buffer[] = [];
let pendingBytes = 0;
for (let i = 0; i < table.size; i++) {
  const mean = table.testAccMean[i]!;
  const time = NB101_TRAIN_TIME_FIT.intercept + NB101_TRAIN_TIME_FIT.perParam * table.params[i]!;
  for (let rep = 0; rep < 3; rep++) {
    const acc = mean + (rep - 1) * 0.001;
    const point = (epoch: number, frac: number) => ({
      currentEpoch: epoch,
      trainingTime: time * frac,
      trainAccuracy: frac,
      validationAccuracy: acc * frac,
      testAccuracy: acc * frac,
      checkpointPath: '',
    });
    const json = encodeNb101RecordJson({
      hash: table.hashAt(i),
      epochs: 108,
      cell: table.cellAt(i),
      metrics: {
        evaluationData: [point(0, 0), point(54, 0.5), point(108, 1)],
        trainableParameters: table.params[i]!,
        totalTime: time + 60,
      },
    });
    const rec = encodeTfRecord(Buffer.from(json, 'utf8'));
    pending.push(rec);
    pendingBytes += rec.length;
  }
  if (pendingBytes > 8 << 20 || i === table.size - 1) {
    writeSync(fd, Buffer.concat(pending));
    pending = [];
    pendingBytes = 0;
  }
}
closeSync(fd);
const size = statSync(out).size;
const writeS = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`wrote ${out}: ${(size / 2 ** 20).toFixed(0)} MiB in ${writeS} s`);

// measure: streaming and table building, each in a fresh process
interface ChildFigures {
  records: number;
  size: number;
  testAccSum: number;
  s: number;
  rss: number;
}
const child = (mode: string): ChildFigures => {
  const argv = [fileURLToPath(import.meta.url), '--child', mode, '--file', out];
  return JSON.parse(execFileSync(process.execPath, argv, { encoding: 'utf8' })) as ChildFigures;
};
const stream = child('stream');
const load = child('load');
let csvSum = 0;
for (let i = 0; i < table.size; i++) csvSum += table.testAccMean[i]!;

console.log('| step (fresh process each) | figure |');
console.log('| --- | --- |');
console.log(
  `| stream all records (readNb101TfRecord) | ${stream.records} records, ` +
    `${stream.s.toFixed(1)} s, RSS ${stream.rss.toFixed(0)} MiB |`,
);
console.log(
  `| build table (loadNb101TfRecord) | ${load.size} cells, ${load.s.toFixed(1)} s, ` +
    `RSS ${load.rss.toFixed(0)} MiB |`,
);
const sums = `${load.testAccSum.toFixed(6)} vs ${csvSum.toFixed(6)}`;
console.log(`| Σ mean test accuracy, tfrecord vs nb101.csv.gz | ${sums} |`);
if (!args.includes('--keep')) rmSync(out);
