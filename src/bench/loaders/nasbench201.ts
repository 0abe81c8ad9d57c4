/**
 * Node reader of the NAS-Bench-201 table `nb201.csv`; the format, the record schema and the
 * parser are in `nasbench201-parse.ts` (browser-safe).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../../core/errors.js';
import { NB201_CSV, parseNb201Csv, type Nb201Table } from './nasbench201-parse.js';

export * from './nasbench201-parse.js';

/**
 * Reads `nb201.csv` from `dataDir` (either the data root holding `nasbench201/`, as
 * `resolveDataDir()` returns, or the `nasbench201` folder itself) and checks it completely.
 *
 * Throws DataFileError naming the file, the 1-based line and what was expected for: a missing
 * file, an empty file, a header without a required column or with a repeated one, a row with
 * the wrong number of fields, an `index` that is not the row number, an arch string that does
 * not parse or is not canonical, a repeated arch string (naming the earlier line), a field that
 * is not a finite number, and a row count other than 15,625 (truncated file).
 *
 * Takes about 0.1–0.3 s for the real 6.3 MB file; share the result (`Oracle.fresh()` does).
 */
export function loadNb201(dataDir: string): Nb201Table {
  const direct = join(dataDir, NB201_CSV);
  const file = existsSync(direct) ? direct : join(dataDir, 'nasbench201', NB201_CSV);
  if (!existsSync(file)) {
    throw new DataFileError(file, undefined, `file not found (also looked for ${direct})`);
  }
  if (statSync(file).isDirectory())
    throw new DataFileError(file, undefined, 'is a folder; expected the CSV file');
  return parseNb201Csv(readFileSync(file, 'utf8'), file);
}
