// Browser-side reader of the NAS-Bench-201 table (nb201.csv, served by bananas-demo at
// /data/nb201.csv): the library's own parser and oracle, so the page checks the file exactly as
// the CLI does (row count, columns, number format and ranges) and reads the same splits.
import { nb201Space } from 'bananas-ts';
import { parseNb201Csv } from '../dist/src/bench/loaders/nasbench201-parse.js';
import { createNb201Oracle, NB201_DATASETS } from '../dist/src/bench/nasbench201-oracle.js';

/** Dataset ids the page accepts. */
export const DATASETS = NB201_DATASETS;

/**
 * Parses the CSV text and returns a lookup from arch string to { valError, testError } (%) and
 * the table's best test error. Throws the loader's DataFileError (file, line, what was expected)
 * for a malformed table, and ConfigError for an unknown dataset.
 */
export function parseNb201Errors(text, dataset) {
  const oracle = createNb201Oracle(parseNb201Csv(text, 'nb201.csv'), dataset);
  const table = { get: (archString) => oracle.peek(nb201Space.parse(archString)) };
  return { table, bestTest: oracle.optimum.testError };
}
