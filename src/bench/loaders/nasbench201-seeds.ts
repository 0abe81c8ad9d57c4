import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../../core/errors.js';
import { NB201_SIZE } from '../../space/nasbench201/constants.js';

/** File name of the per-seed NB201 values inside `<data>/nasbench201/`. */
export const NB201_SEEDS_JSON = 'nb201_seeds.json';

/**
 * Per-seed final-epoch accuracies (%, 200 epochs) of every NB201 architecture, from
 * `nb201_seeds.json`: `{ seeds_order: [777, 888, 999], cifar10_valid_acc: number[][15625],
 * cifar100_valtest_acc, imagenet16_valtest_acc }`, each inner list holding the 2 or 3 seeds
 * present for that architecture, in `seeds_order`. Only CIFAR-10 has per-seed *validation*
 * accuracy (`cifar10-valid` x-valid).
 */
export interface Nb201Seeds {
  file: string;
  seedsOrder: number[];
  /** cifar10Valid[index] = the per-seed x-valid accuracies of that architecture. */
  cifar10Valid: number[][];
}

/**
 * Reads `nb201_seeds.json` from the data folder (or its `nasbench201/` sub-folder). Throws
 * DataFileError naming the file and what was expected for a missing file, invalid JSON, a
 * missing key, a wrong row count or a value that is not an accuracy in [0, 100].
 */
export function loadNb201Seeds(dataDir: string): Nb201Seeds {
  const direct = join(dataDir, NB201_SEEDS_JSON);
  const file = existsSync(direct) ? direct : join(dataDir, 'nasbench201', NB201_SEEDS_JSON);
  if (!existsSync(file)) throw new DataFileError(file, undefined, 'file not found');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataFileError(file, undefined, `not valid JSON (${(e as Error).message})`);
  }
  const obj = raw as { seeds_order?: unknown; cifar10_valid_acc?: unknown };
  if (!Array.isArray(obj.seeds_order) || !obj.seeds_order.every((s) => Number.isInteger(s))) {
    throw new DataFileError(file, undefined, "expected 'seeds_order', a list of integer seeds");
  }
  const rows = obj.cifar10_valid_acc;
  if (!Array.isArray(rows) || rows.length !== NB201_SIZE) {
    throw new DataFileError(
      file,
      undefined,
      `expected 'cifar10_valid_acc' with ${NB201_SIZE} rows, found ${Array.isArray(rows) ? rows.length : typeof rows}`,
    );
  }
  const nSeeds = obj.seeds_order.length;
  rows.forEach((r: unknown, i) => {
    const ok =
      Array.isArray(r) &&
      r.length >= 1 &&
      r.length <= nSeeds &&
      r.every((v) => typeof v === 'number' && v >= 0 && v <= 100);
    if (!ok)
      throw new DataFileError(
        file,
        undefined,
        `cifar10_valid_acc[${i}]: expected 1–${nSeeds} accuracies in [0, 100], found ${JSON.stringify(r)}`,
      );
  });
  return { file, seedsOrder: obj.seeds_order as number[], cifar10Valid: rows as number[][] };
}
