/**
 * Loader of `nb101_val_subset20k.csv` (data/nasbench101/README.md): validation accuracy at
 * 4/12/36/108 epochs and the 108-epoch training time of one training run for the first 20,001
 * NB101 cells in hash order, for predictor evaluation and multi-fidelity tests.
 *
 * File format: UTF-8 CSV, comma separated, no quoting, header
 * `index,hash,val_acc_4,val_acc_12,val_acc_36,val_acc_108,training_time_108_s,params`, then one
 * row per cell:
 *
 * | column | type | meaning |
 * | --- | --- | --- |
 * | `index` | integer | official index (= row number, 0-based; same index as nb101.csv.gz) |
 * | `hash` | 32 lowercase hex | official graph hash, strictly ascending |
 * | `val_acc_4` … `val_acc_108` | in [0, 1] | `final_validation_accuracy` of one run |
 * | `training_time_108_s` | seconds ≥ 0 | `final_training_time` of that run at 108 epochs |
 * | `params` | integer | trainable parameters |
 *
 * Record schema yielded: `Nb101ValSubset`, one typed-array column per numeric field, row =
 * official index. Which of the 3 repeats the source holds is not known (README).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../../core/errors.js';

/** File name inside the `nasbench101` data folder. */
export const NB101_VAL_SUBSET_CSV = 'nb101_val_subset20k.csv';

/** Rows of the real file. */
export const NB101_VAL_SUBSET_ROWS = 20_001;

const HEADER = 'index,hash,val_acc_4,val_acc_12,val_acc_36,val_acc_108,training_time_108_s,params';
const EXPECTED = ['a number in [0, 1]', 'seconds ≥ 0', 'an integer ≥ 0'];

/** The validation subset, columns indexed by row (= official index). */
export interface Nb101ValSubset {
  readonly file: string;
  readonly size: number;
  readonly hashes: readonly string[];
  readonly valAcc4: Float64Array;
  readonly valAcc12: Float64Array;
  readonly valAcc36: Float64Array;
  readonly valAcc108: Float64Array;
  /** Seconds. */
  readonly trainingTime108: Float64Array;
  readonly params: Float64Array;
  /** Row of a hash, or −1. */
  indexOf(hash: string): number;
}

/**
 * Loads `nb101_val_subset20k.csv` from `dataDir` or `dataDir/nasbench101`. Throws
 * DataFileError naming file, line and what was expected (missing file, wrong header, a field
 * that is not a number in range, an index ≠ row number, hashes out of order, a row count other
 * than 20,001).
 */
export function loadNb101ValSubset(dataDir: string): Nb101ValSubset {
  const direct = join(dataDir, NB101_VAL_SUBSET_CSV);
  const file = existsSync(direct) ? direct : join(dataDir, 'nasbench101', NB101_VAL_SUBSET_CSV);
  if (!existsSync(file)) {
    throw new DataFileError(file, undefined, `file not found (also looked for ${direct})`);
  }
  return parseNb101ValSubset(readFileSync(file, 'utf8'), file, NB101_VAL_SUBSET_ROWS);
}

/** Parses the text of a validation-subset CSV (format and errors as `loadNb101ValSubset`). */
export function parseNb101ValSubset(
  text: string,
  file: string,
  expectedRows?: number,
): Nb101ValSubset {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== HEADER) {
    throw new DataFileError(
      file,
      1,
      `header is '${(lines[0] ?? '').slice(0, 120)}', expected '${HEADER}'`,
    );
  }
  const n = lines.length - 1;
  if (expectedRows !== undefined && n !== expectedRows) {
    throw new DataFileError(
      file,
      lines.length,
      `${n} rows, expected ${expectedRows} (truncated or extended file)`,
    );
  }
  const hashes: string[] = [];
  const cols = Array.from({ length: 6 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const line = i + 2;
    const f = lines[i + 1]!.split(',');
    if (f.length !== 8) {
      throw new DataFileError(file, line, `${f.length} fields, expected 8 (${HEADER})`);
    }
    if (f[0] !== String(i)) {
      throw new DataFileError(file, line, `index is '${f[0]}', expected ${i}`);
    }
    const hash = f[1]!;
    if (!/^[0-9a-f]{32}$/.test(hash)) {
      throw new DataFileError(file, line, `hash '${hash}' is not 32 lowercase hex chars`);
    }
    if (i > 0 && !(hash > hashes[i - 1]!)) {
      throw new DataFileError(file, line, `hash '${hash}' is not greater than the previous row's`);
    }
    hashes.push(hash);
    for (let k = 0; k < 6; k++) {
      const s = f[k + 2]!;
      const v = Number(s);
      const inRange = k < 4 ? v <= 1 : k === 5 ? Number.isInteger(v) : true;
      const ok = s !== '' && Number.isFinite(v) && v >= 0 && inRange;
      if (!ok) {
        throw new DataFileError(
          file,
          line,
          `${HEADER.split(',')[k + 2]} is '${s}', expected ${EXPECTED[k < 4 ? 0 : k - 3]}`,
        );
      }
      cols[k]![i] = v;
    }
  }
  const rowOf = new Map(hashes.map((h, i) => [h, i]));
  return {
    file,
    size: n,
    hashes,
    valAcc4: cols[0]!,
    valAcc12: cols[1]!,
    valAcc36: cols[2]!,
    valAcc108: cols[3]!,
    trainingTime108: cols[4]!,
    params: cols[5]!,
    indexOf: (hash: string) => rowOf.get(hash.toLowerCase()) ?? -1,
  };
}
