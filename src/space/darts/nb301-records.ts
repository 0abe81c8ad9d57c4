import { DataFileError } from '../../core/errors.js';
import type { DartsArch, DartsEdge } from './constants.js';
import type { DartsSpace } from './space.js';

/** One trained NAS-Bench-301 architecture of the shared subset file. */
export interface Nb301Record {
  /** Position in NASLib's NB301 training data. */
  naslibIdx: number;
  arch: DartsArch;
  /** CIFAR-10 validation accuracy, %. */
  valAccuracy: number;
  /** 100 − valAccuracy, % (the quantity a searcher minimises). */
  valError: number;
  /** Parameters, millions. */
  paramsM: number;
  /** FLOPs, millions. */
  flopsM: number;
}

/**
 * Parses the NAS-Bench-301 subset file (`nasbench301/nb301_subset725.json`; no Node APIs, so it
 * also runs in a browser on fetched text).
 *
 * Format: a JSON array of objects `{naslib_idx, normal: [[op, input] ×8], reduce: [[op, input]
 * ×8], val_accuracy, params_m, flops_m}` (DARTS genotype convention, 7 ops without 'none').
 * Every architecture is checked with `space.validate` (pass `nb301Space`, or `dartsSpace` to
 * read them into the 8-op BANANAS space).
 *
 * Throws DataFileError naming `file`, the record position and naslib_idx, and the problem, for
 * text that is not JSON, a top level that is not an array, a missing or non-numeric field, or
 * an architecture the space rejects.
 */
export function parseNb301Records(
  text: string,
  space: DartsSpace,
  file = 'nb301_subset725.json',
): Nb301Record[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DataFileError(file, undefined, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(data))
    throw new DataFileError(file, undefined, 'expected a JSON array of records');
  return data.map((raw: unknown, i) => {
    const r = raw as Record<string, unknown>;
    const at = `record ${i}${r !== null && typeof r === 'object' && 'naslib_idx' in r ? ` (naslib_idx ${String(r.naslib_idx)})` : ''}`;
    if (r === null || typeof r !== 'object')
      throw new DataFileError(file, undefined, `${at}: expected an object`);
    const num = (key: string): number => {
      const x = r[key];
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new DataFileError(
          file,
          undefined,
          `${at}: field '${key}' must be a finite number, got ${JSON.stringify(x)}`,
        );
      return x;
    };
    const arch = { normal: r.normal as DartsEdge[], reduce: r.reduce as DartsEdge[] };
    try {
      space.validate(arch);
    } catch (e) {
      throw new DataFileError(file, undefined, `${at}: ${(e as Error).message}`);
    }
    const valAccuracy = num('val_accuracy');
    return {
      naslibIdx: num('naslib_idx'),
      arch: {
        normal: arch.normal.map(([op, input]) => [op, input] as const),
        reduce: arch.reduce.map(([op, input]) => [op, input] as const),
      },
      valAccuracy,
      valError: 100 - valAccuracy,
      paramsM: num('params_m'),
      flopsM: num('flops_m'),
    };
  });
}
