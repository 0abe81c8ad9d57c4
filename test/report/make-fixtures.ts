/**
 * Writes the synthetic results folder used by the report tests, or a larger demo run with its
 * report. Run after `npx tsc -p .`:
 *
 *   node dist/test/report/make-fixtures.js                 # fixtures/report/synthetic-run
 *   node dist/test/report/make-fixtures.js --demo DIR      # 20 trials × 4 algorithms, + report
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadResults } from '../../src/report/load.js';
import { summarise } from '../../src/report/summary.js';
import { writeReport } from '../../src/report/write-plots.js';
import { writeSyntheticRun } from './synthetic.js';

/** Options of the committed fixture (small: 3 algorithms × 4 trials × 30 queries). */
export const FIXTURE_OPTIONS = {
  seed: 7,
  trials: 4,
  budget: 30,
  algorithms: { random: 0, evolution: 0.5, bananas: 1 },
  tableSize: 500,
};

/** Absolute path of the committed fixture (`fixtures/report/synthetic-run` in the repository). */
export const FIXTURE_DIR = fileURLToPath(
  new URL('../../../fixtures/report/synthetic-run', import.meta.url),
);

function main(argv: string[]): void {
  const k = argv.indexOf('--demo');
  if (k >= 0) {
    const dir = argv[k + 1];
    if (!dir) throw new Error('make-fixtures: --demo needs a folder');
    rmSync(dir, { recursive: true, force: true });
    writeSyntheticRun(dir, {
      seed: 11,
      trials: 20,
      budget: 150,
      algorithms: { random: 0, 'local search': 0.4, evolution: 0.6, bananas: 1.2 },
      space: 'nasbench201',
      dataset: 'cifar10',
    });
    const loaded = loadResults(dir);
    const { files } = writeReport(dir, summarise(loaded.trials));
    process.stdout.write(`${files.join('\n')}\n`);
    return;
  }
  rmSync(FIXTURE_DIR, { recursive: true, force: true });
  writeSyntheticRun(FIXTURE_DIR, FIXTURE_OPTIONS);
  process.stdout.write(`wrote ${FIXTURE_DIR}\n`);
}

if (process.argv[1]?.endsWith('make-fixtures.js')) main(process.argv.slice(2));
