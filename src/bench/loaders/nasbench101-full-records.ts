/**
 * Loader of `nb101_full_records_30.json` (data/nasbench101/README.md): 30 complete official
 * NAS-Bench-101 records (official indices 422,933..422,962), for tests of per-repeat semantics.
 *
 * File format: a JSON list of objects
 * `{index, hash, module_adjacency: V×V 0/1, module_operations: V names, trainable_parameters,
 * epochs: {"108": [3 × {halfway_|final_ × training_time, train_accuracy, validation_accuracy,
 * test_accuracy}]}}`, the `fixed_statistics` / `computed_statistics` layout of `nasbench.api`.
 *
 * Record schema yielded: `Nb101FullRecord[]` in file order, and `nb101FullRecordsTable` turns
 * them into an `Nb101Table` with per-repeat final metrics at 108 epochs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../../core/errors.js';
import type { Nb101Arch } from '../../space/nasbench101/cell.js';
import { validateNb101 } from '../../space/nasbench101/validate.js';
import { Nb101Table } from './nasbench101-table.js';

/** File name inside the `nasbench101` data folder. */
export const NB101_FULL_RECORDS_JSON = 'nb101_full_records_30.json';

/** One training run's statistics (the official `computed_statistics` entry). */
export interface Nb101RunStats {
  halfway_training_time: number;
  halfway_train_accuracy: number;
  halfway_validation_accuracy: number;
  halfway_test_accuracy: number;
  final_training_time: number;
  final_train_accuracy: number;
  final_validation_accuracy: number;
  final_test_accuracy: number;
}

/** One complete record. */
export interface Nb101FullRecord {
  index: number;
  hash: string;
  cell: Nb101Arch;
  trainableParameters: number;
  /** Runs per budget: `epochs['108']` holds the 3 repeats. */
  epochs: Record<string, Nb101RunStats[]>;
}

const STAT_KEYS: Array<keyof Nb101RunStats> = [
  'halfway_training_time',
  'halfway_train_accuracy',
  'halfway_validation_accuracy',
  'halfway_test_accuracy',
  'final_training_time',
  'final_train_accuracy',
  'final_validation_accuracy',
  'final_test_accuracy',
];

/**
 * Loads `nb101_full_records_30.json` from `dataDir` or `dataDir/nasbench101`. Throws
 * DataFileError naming the file, the record number and the field for missing file, bad JSON,
 * a missing or mistyped field, or an invalid cell.
 */
export function loadNb101FullRecords(dataDir: string): Nb101FullRecord[] {
  const direct = join(dataDir, NB101_FULL_RECORDS_JSON);
  const file = existsSync(direct) ? direct : join(dataDir, 'nasbench101', NB101_FULL_RECORDS_JSON);
  if (!existsSync(file)) {
    throw new DataFileError(file, undefined, `file not found (also looked for ${direct})`);
  }
  return parseNb101FullRecords(readFileSync(file, 'utf8'), file);
}

/** Parses the JSON text of a full-records file (format and errors as `loadNb101FullRecords`). */
export function parseNb101FullRecords(text: string, file: string): Nb101FullRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DataFileError(file, undefined, `not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(value)) {
    throw new DataFileError(file, undefined, 'expected a JSON list of records');
  }
  return value.map((raw: unknown, k: number) => {
    const fail = (what: string): never => {
      throw new DataFileError(file, undefined, `record ${k}: ${what}`);
    };
    if (raw === null || typeof raw !== 'object') return fail('not an object');
    const r = raw as Record<string, unknown>;
    if (!Number.isInteger(r.index)) fail('index is not an integer');
    if (typeof r.hash !== 'string' || !/^[0-9a-f]{32}$/.test(r.hash)) {
      fail('hash is not 32 lowercase hex chars');
    }
    if (typeof r.trainable_parameters !== 'number') fail('trainable_parameters is not a number');
    const cell = { matrix: r.module_adjacency as number[][], ops: r.module_operations as string[] };
    try {
      validateNb101(cell, 'cell');
    } catch (e) {
      fail((e as Error).message);
    }
    const epochs = r.epochs as Record<string, unknown> | undefined;
    if (epochs === null || typeof epochs !== 'object') return fail('epochs is not an object');
    const runs: Record<string, Nb101RunStats[]> = {};
    for (const [budget, list] of Object.entries(epochs)) {
      if (!Array.isArray(list) || list.length === 0) {
        fail(`epochs['${budget}'] is not a non-empty list`);
      }
      runs[budget] = (list as unknown[]).map((run, j) => {
        const o = run as Record<string, unknown>;
        for (const key of STAT_KEYS) {
          if (typeof o?.[key] !== 'number') {
            fail(`epochs['${budget}'][${j}].${key} is not a number`);
          }
        }
        const entries = STAT_KEYS.map((key) => [key, o[key] as number]);
        return Object.fromEntries(entries) as unknown as Nb101RunStats;
      });
    }
    return {
      index: r.index as number,
      hash: r.hash as string,
      cell: {
        matrix: cell.matrix.map((row) => row.map((v) => (v ? 1 : 0))),
        ops: cell.ops.slice(),
      },
      trainableParameters: r.trainable_parameters as number,
      epochs: runs,
    };
  });
}

/**
 * An `Nb101Table` of full records with per-repeat final validation/test accuracy and training
 * time at `epochs` (default 108). Throws Error when a record lacks that budget.
 */
export function nb101FullRecordsTable(
  records: readonly Nb101FullRecord[],
  source: string,
  epochs = 108,
): Nb101Table {
  return Nb101Table.fromCells(
    records.map((r) => {
      const runs = r.epochs[String(epochs)];
      if (runs === undefined) {
        throw new Error(`${source}: record ${r.hash} has no runs at ${epochs} epochs`);
      }
      return {
        hash: r.hash,
        cell: r.cell,
        params: r.trainableParameters,
        repeats: runs.map((s) => ({
          valAcc: s.final_validation_accuracy,
          testAcc: s.final_test_accuracy,
          trainTime: s.final_training_time,
        })),
      };
    }),
    source,
  );
}
