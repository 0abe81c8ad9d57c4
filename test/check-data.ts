// Run by `npm test` before the suite: many tests read the real benchmark tables, so a missing
// data folder is reported once, plainly, instead of as a stack trace from the first such test.
import { resolveDataDir } from '../src/bench/data-path.js';

try {
  resolveDataDir();
} catch (e) {
  process.stderr.write(
    `npm test: the tests read the benchmark tables, and ${(e as Error).message}.\n` +
      'npm test: set BANANAS_DATA=/path/to/shared/data (the folder holding nasbench201/ and nasbench101/).\n',
  );
  process.exit(1);
}
