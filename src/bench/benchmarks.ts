import { ConfigError } from '../core/errors.js';
import type { Oracle } from './oracle.js';

/** Search spaces that have a tabular benchmark behind them. */
export const BENCHMARK_SPACES = ['nb201', 'nb101'] as const;
export type BenchmarkSpace = (typeof BENCHMARK_SPACES)[number];

/** Options of `openBenchmark`. */
export interface BenchmarkOptions {
  /** Data folder, already resolved (see resolveDataDir). */
  dataDir: string;
  /** Extra oracle options (e.g. NB201 `fidelity`, `testSplit`), passed through. */
  oracle?: Record<string, unknown>;
  /**
   * nb101 only: read the official `nasbench_only108.tfrecord` instead of the data folder's
   * `nb101.csv.gz`; its per-repeat validation and test accuracies then give a real validation
   * objective.
   */
  tableFile?: string;
}

const cache = new Map<string, Promise<unknown>>();

/** Loads once per (space, folder); a failed load is forgotten so a corrected file is read again. */
function cached<T>(key: string, load: () => T | Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (p === undefined) {
    p = Promise.resolve().then(load);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/**
 * Loads the table of `space` once per process (later calls share it) and returns an oracle for
 * `dataset`. Loaders are imported on demand, so an NB201 run never loads NB101 code.
 * Throws ConfigError for an unknown space or dataset, DataFileError for a bad data file.
 */
export async function openBenchmark(
  space: string,
  dataset: string,
  options: BenchmarkOptions,
): Promise<Oracle<unknown>> {
  const key = `${space}\u0000${options.dataDir}`;
  switch (space) {
    case 'nb201': {
      const { loadNb201 } = await import('./loaders/nasbench201.js');
      const { createNb201Oracle } = await import('./nasbench201-oracle.js');
      if (options.tableFile !== undefined)
        throw new ConfigError('a table file (--table) applies to --space nb101 only');
      const table = await cached(key, () => loadNb201(options.dataDir));
      const oracleOptions = { ...(options.oracle ?? {}) };
      if (oracleOptions['mode'] === 'stochastic') {
        const { loadNb201Seeds } = await import('./loaders/nasbench201-seeds.js');
        oracleOptions['seeds'] = await cached(`${key}\u0000seeds`, () =>
          loadNb201Seeds(options.dataDir),
        );
      }
      return createNb201Oracle(table, dataset, oracleOptions) as Oracle<unknown>;
    }
    case 'nb101': {
      const { loadNb101 } = await import('./loaders/nasbench101.js');
      const { loadNb101TfRecord } = await import('./loaders/nasbench101-tfrecord.js');
      const { createNb101Oracle } = await import('./nasbench101-oracle.js');
      const file = options.tableFile;
      const table =
        file === undefined
          ? await cached(key, () => loadNb101(options.dataDir))
          : await cached(`${space}\u0000file\u0000${file}`, () => loadNb101TfRecord(file));
      return createNb101Oracle(table, dataset, options.oracle ?? {}) as Oracle<unknown>;
    }
    default:
      throw new ConfigError(`unknown space '${space}'; valid: ${BENCHMARK_SPACES.join(', ')}`);
  }
}
