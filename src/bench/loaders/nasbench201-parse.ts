/**
 * Loader of the NAS-Bench-201 table `nb201.csv` (data/nasbench201/README.md).
 *
 * File format: UTF-8 CSV, comma separated, no quoting, `\n` line ends (a `\r` before it is
 * tolerated), one header line, then exactly 15,625 data rows, row i holding the cell with
 * official NB201 index i. Columns (matched by header name, so their order is free; extra
 * columns are ignored):
 *
 * - `index` (integer): official NB201 / NATS index; must equal the 0-based row number.
 * - `arch_str` (string): canonical arch string, unique.
 * - the 21 `NB201_NUMERIC_COLUMNS` (finite numbers): accuracies in percent (means over seeds),
 *   training times in seconds, parameter counts in millions, `n_seeds`.
 *
 * This module is browser-safe (the demo page parses the served table with it); `loadNb201`
 * in `nasbench201.ts` reads the file in Node.
 *
 * Record schema yielded: an `Nb201Table` giving the arch string / architecture of each index,
 * the index of each architecture (by canonicalised string or by op list) and one Float64Array
 * per numeric column, indexed by official index.
 */
import { DataFileError } from '../../core/errors.js';
import { nb201ArchString, parseNb201ArchString } from '../../space/nasbench201/arch-string.js';
import { assertNb201Arch, NB201_SIZE, type Nb201Arch } from '../../space/nasbench201/constants.js';
import { nb201NaszillaNumber } from '../../space/nasbench201/conventions.js';

/** File name of the main table inside the `nasbench201` data folder. */
export const NB201_CSV = 'nb201.csv';

/** The numeric columns every `nb201.csv` must have (see the data README for their meaning). */
export const NB201_NUMERIC_COLUMNS = [
  'cifar10_valid_acc',
  'cifar10_test_acc',
  'cifar100_valid_acc',
  'cifar100_test_acc',
  'cifar100_valtest_acc',
  'imagenet16_valid_acc',
  'imagenet16_test_acc',
  'imagenet16_valtest_acc',
  'cifar10_valid_train_time_s',
  'cifar100_train_time_s',
  'imagenet16_train_time_s',
  'cifar10_params_m',
  'cifar100_params_m',
  'imagenet16_params_m',
  'n_seeds',
  'cifar10_valid_acc_12ep',
  'cifar10_test_acc_12ep',
  'cifar100_valid_acc_12ep',
  'cifar100_test_acc_12ep',
  'imagenet16_valid_acc_12ep',
  'imagenet16_test_acc_12ep',
] as const;

/** A plain decimal number (no hex, no Infinity, no NaN). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Allowed range per numeric column: accuracies in percent, non-negative times and sizes, 1–3 seeds. */
const COLUMN_RANGE: ReadonlyArray<readonly [number, number]> = NB201_NUMERIC_COLUMNS.map((c) =>
  c.includes('_acc')
    ? ([0, 100] as const)
    : c === 'n_seeds'
      ? ([1, 3] as const)
      : ([0, Number.MAX_VALUE] as const),
);

/** Name of a numeric column of `nb201.csv`. */
export type Nb201Column = (typeof NB201_NUMERIC_COLUMNS)[number];

/**
 * The parsed NAS-Bench-201 table. Indices are official NB201 indices (0..15624), i.e. the
 * table's row order; they are not naszilla's base-5 numbers (PITFALLS B14).
 */
export interface Nb201Table {
  /** Path of the CSV file the table was read from. */
  readonly file: string;
  /** Number of rows: 15,625. */
  readonly size: number;
  /** Canonical arch string of an index; throws RangeError for an index outside 0..size−1. */
  archString(index: number): string;
  /** Architecture (6 op names) of an index; a fresh array. Throws RangeError like `archString`. */
  archAt(index: number): Nb201Arch;
  /**
   * Official index of an architecture, given as an op list or as an arch string (canonicalised
   * first: whitespace trimmed, inputs of a node in any order, B15). Throws TypeError/RangeError
   * for a malformed op list and SyntaxError for a malformed string; never returns −1.
   */
  indexOf(arch: Nb201Arch | string): number;
  /**
   * The whole column, indexed by official index. The array is shared by every user of the
   * table: read it, never write to it.
   */
  column(name: Nb201Column): Float64Array;
  /**
   * Index by naszilla number: `rowOfNumber[nb201NaszillaNumber(arch)]` is the official index.
   * Lets hot paths (the oracle) look up without building a string. Shared; do not write.
   */
  readonly rowOfNumber: Int32Array;
}

/**
 * Parses the text of an `nb201.csv` file (format and errors as `loadNb201`); `file` is used
 * in error messages and as `Nb201Table.file`.
 */
export function parseNb201Csv(text: string, file: string): Nb201Table {
  // header: locate the required columns by name
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new DataFileError(file, 1, 'empty file; expected a header line');
  const header = stripCr(lines[0]!).split(',');
  const colOf = new Map<string, number>();
  header.forEach((name, k) => {
    if (colOf.has(name)) throw new DataFileError(file, 1, `header repeats column '${name}'`);
    colOf.set(name, k);
  });
  const required = ['index', 'arch_str', ...NB201_NUMERIC_COLUMNS];
  const missing = required.filter((c) => !colOf.has(c));
  if (missing.length > 0) {
    throw new DataFileError(
      file,
      1,
      `header lacks column(s) ${missing.join(', ')}; expected ${required.join(',')}`,
    );
  }
  const indexCol = colOf.get('index')!;
  const archCol = colOf.get('arch_str')!;
  const numCols = NB201_NUMERIC_COLUMNS.map((c) => colOf.get(c)!);

  // rows: index = row number, canonical unique arch strings, finite numbers
  const rows = lines.length - 1;
  if (rows > NB201_SIZE) {
    throw new DataFileError(
      file,
      NB201_SIZE + 2,
      `expected exactly ${NB201_SIZE} data rows, found ${rows}`,
    );
  }
  const strings = new Array<string>(rows);
  const columns = NB201_NUMERIC_COLUMNS.map(() => new Float64Array(NB201_SIZE));
  const rowOfNumber = new Int32Array(NB201_SIZE).fill(-1);
  const rowOfString = new Map<string, number>();
  for (let r = 0; r < rows; r++) {
    const lineNo = r + 2;
    const fields = stripCr(lines[r + 1]!).split(',');
    if (fields.length !== header.length) {
      throw new DataFileError(
        file,
        lineNo,
        `expected ${header.length} comma-separated fields, found ${fields.length}` +
          (fields.length < header.length ? ' (truncated line?)' : ''),
      );
    }
    const idx = fields[indexCol]!;
    if (idx !== String(r)) {
      throw new DataFileError(file, lineNo, `index out of order: expected ${r}, found '${idx}'`);
    }
    const s = fields[archCol]!;
    let arch: Nb201Arch;
    try {
      arch = parseNb201ArchString(s);
    } catch (e) {
      throw new DataFileError(file, lineNo, `bad arch_str: ${(e as Error).message}`);
    }
    if (nb201ArchString(arch) !== s) {
      throw new DataFileError(
        file,
        lineNo,
        `arch_str '${s}' is not canonical; expected '${nb201ArchString(arch)}'`,
      );
    }
    const n = nb201NaszillaNumber(arch);
    if (rowOfNumber[n] !== -1) {
      throw new DataFileError(
        file,
        lineNo,
        `duplicate arch_str '${s}' (first on line ${rowOfNumber[n]! + 2})`,
      );
    }
    rowOfNumber[n] = r;
    rowOfString.set(s, r);
    strings[r] = s;
    for (let c = 0; c < numCols.length; c++) {
      const f = fields[numCols[c]!]!;
      const v = DECIMAL.test(f.trim()) ? Number(f) : NaN;
      if (!Number.isFinite(v)) {
        throw new DataFileError(
          file,
          lineNo,
          `column ${NB201_NUMERIC_COLUMNS[c]}: expected a finite decimal number, found '${f}'`,
        );
      }
      const [lo, hi] = COLUMN_RANGE[c]!;
      if (v < lo || v > hi) {
        throw new DataFileError(
          file,
          lineNo,
          `column ${NB201_NUMERIC_COLUMNS[c]}: expected a value in [${lo}, ${hi}], found ${f}`,
        );
      }
      columns[c]![r] = v;
    }
  }
  if (rows !== NB201_SIZE) {
    throw new DataFileError(
      file,
      rows + 1,
      `expected exactly ${NB201_SIZE} data rows, found ${rows} (truncated file?)`,
    );
  }

  const byName = new Map<string, Float64Array>(
    NB201_NUMERIC_COLUMNS.map((c, k) => [c, columns[k]!]),
  );
  const checkIndex = (index: number, api: string): void => {
    if (!Number.isInteger(index) || index < 0 || index >= rows) {
      throw new RangeError(
        `Nb201Table.${api}: index must be an integer in 0..${rows - 1}, got ${index}`,
      );
    }
  };
  return {
    file,
    size: rows,
    rowOfNumber,
    archString(index: number): string {
      checkIndex(index, 'archString');
      return strings[index]!;
    },
    archAt(index: number): Nb201Arch {
      checkIndex(index, 'archAt');
      return parseNb201ArchString(strings[index]!);
    },
    indexOf(arch: Nb201Arch | string): number {
      if (typeof arch === 'string') {
        const hit = rowOfString.get(arch);
        if (hit !== undefined) return hit;
        return rowOfNumber[nb201NaszillaNumber(parseNb201ArchString(arch))]!;
      }
      assertNb201Arch(arch, 'Nb201Table.indexOf');
      return rowOfNumber[nb201NaszillaNumber(arch)]!;
    },
    column(name: Nb201Column): Float64Array {
      const col = byName.get(name);
      if (col === undefined) {
        throw new RangeError(
          `Nb201Table.column: unknown column '${name}'; ` +
            `valid: ${NB201_NUMERIC_COLUMNS.join(', ')}`,
        );
      }
      return col;
    },
  };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
