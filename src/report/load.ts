import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../core/errors.js';
import {
  RUN_SCHEMA,
  RUN_SCHEMA_VERSION,
  TRIAL_SCHEMA,
  TRIAL_SCHEMA_VERSION,
  type RunManifest,
  type TrialRecord,
} from '../bench/results.js';

/** What `loadResults` found in a results folder. */
export interface LoadedResults {
  /** `run.json`, when present and valid. */
  manifest?: RunManifest;
  /**
   * Valid trial records, ordered by algorithm (the manifest's order, then by name for
   * algorithms it does not list, or by name without a manifest) and then by trial number.
   */
  trials: TrialRecord[];
  /**
   * One line per file that was left out or is missing, `<path>: <what is wrong>`, in file-name
   * order. An empty list means everything the folder holds (and the manifest promises) loaded.
   */
  problems: string[];
}

/**
 * Reads a results folder written by the harness: `<dir>/run.json` (RunManifest, optional) and
 * `<dir>/trials/*.json` (one TrialRecord each, named `<algorithm>-<trial>.json`).
 *
 * Each file is checked for valid JSON, the schema id and a supported schema version
 * (≤ the current one), and the presence and types of the required fields (every query: `i`
 * counting 1, 2, ..., numeric errors and times; no more queries than the budget). A file that
 * fails is left out and named in `problems`; so is a trial whose name does not match its
 * content, a duplicate (algorithm, trial), a trial whose space/dataset/budget differ from the
 * manifest, and a trial the manifest promises but which has no file (an unfinished run).
 * Temporary files (`*.tmp`, written before an atomic rename) and other names are ignored.
 *
 * Throws DataFileError only when `dir` is not a readable folder.
 */
export function loadResults(dir: string): LoadedResults {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DataFileError(dir, undefined, 'not a results folder (no such directory)');
  }
  const problems: string[] = [];

  // manifest: optional; a corrupt one is a problem, not a crash
  let manifest: RunManifest | undefined;
  const runPath = join(dir, 'run.json');
  if (existsSync(runPath)) {
    const parsed = readJson(runPath);
    if (typeof parsed === 'string') problems.push(`${runPath}: ${parsed}`);
    else {
      const why = checkManifest(parsed);
      if (why) problems.push(`${runPath}: ${why}`);
      else manifest = parsed as RunManifest;
    }
  }

  // trials: every *.json under trials/, in name order
  const trialsDir = join(dir, 'trials');
  const names = existsSync(trialsDir)
    ? readdirSync(trialsDir)
        .filter((n) => n.endsWith('.json'))
        .sort()
    : [];
  const trials: TrialRecord[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const path = join(trialsDir, name);
    const parsed = readJson(path);
    if (typeof parsed === 'string') {
      problems.push(`${path}: ${parsed}`);
      continue;
    }
    const why = checkTrial(parsed) ?? checkAgainst(parsed as TrialRecord, name, manifest);
    if (why) {
      problems.push(`${path}: ${why}`);
      continue;
    }
    const t = parsed as TrialRecord;
    const key = `${t.algorithm}-${t.trial}`;
    if (seen.has(key)) {
      problems.push(`${path}: duplicate of trial ${t.trial} of ${t.algorithm}`);
      continue;
    }
    seen.add(key);
    trials.push(t);
  }

  // completeness: trials the manifest promises
  if (manifest) {
    for (const algorithm of manifest.algorithms) {
      for (let k = 0; k < manifest.trials; k++) {
        if (!seen.has(`${algorithm}-${k}`)) {
          const path = join(trialsDir, `${algorithm}-${k}.json`);
          if (!problems.some((p) => p.startsWith(`${path}:`))) {
            const why = `missing (run.json lists ${manifest.trials} trials of ${algorithm})`;
            problems.push(`${path}: ${why}`);
          }
        }
      }
    }
  }
  // order: manifest algorithm order, then trial number (not file-name order: 10 after 9)
  const rank = (a: string): number => {
    const k = manifest ? manifest.algorithms.indexOf(a) : -1;
    return k < 0 ? Infinity : k;
  };
  trials.sort(
    (a, b) =>
      rank(a.algorithm) - rank(b.algorithm) ||
      (a.algorithm < b.algorithm ? -1 : a.algorithm > b.algorithm ? 1 : 0) ||
      a.trial - b.trial,
  );
  return manifest ? { manifest, trials, problems } : { trials, problems };
}

/** Parsed JSON, or a string saying why the file could not be read. */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return `cannot read (${(e as Error).message})`;
  }
  if (text.trim() === '') return 'empty file';
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return `not valid JSON, truncated or corrupt (${(e as Error).message})`;
  }
}

type Check = [field: string, kind: 'string' | 'number' | 'integer' | 'object' | 'array'];

const TRIAL_FIELDS: Check[] = [
  ['space', 'string'],
  ['dataset', 'string'],
  ['algorithm', 'string'],
  ['trial', 'integer'],
  ['runSeed', 'number'],
  ['seed', 'number'],
  ['budget', 'integer'],
  ['package', 'object'],
  ['options', 'object'],
  ['backend', 'string'],
  ['objective', 'string'],
  ['optimum', 'object'],
  ['queries', 'array'],
  ['wallSeconds', 'number'],
];
const OPTIMUM_FIELDS: Check[] = [
  ['valError', 'number'],
  ['testError', 'number'],
  ['testErrorOfBestVal', 'number'],
];
const QUERY_FIELDS: Check[] = [
  ['i', 'integer'],
  ['arch', 'string'],
  ['hash', 'string'],
  ['valError', 'number'],
  ['testError', 'number'],
  ['trainTime', 'number'],
  ['simulatedSeconds', 'number'],
  ['optimizerSeconds', 'number'],
];
const RUN_FIELDS: Check[] = [
  ['space', 'string'],
  ['dataset', 'string'],
  ['algorithms', 'array'],
  ['trials', 'integer'],
  ['budget', 'integer'],
  ['seed', 'number'],
  ['package', 'object'],
  ['options', 'object'],
];

/** The first missing or mistyped field, as a sentence, or undefined when all are fine. */
function checkFields(
  obj: Record<string, unknown>,
  fields: Check[],
  where: string,
): string | undefined {
  for (const [field, kind] of fields) {
    const v = obj[field];
    const ok =
      kind === 'string'
        ? typeof v === 'string'
        : kind === 'number'
          ? typeof v === 'number' && Number.isFinite(v)
          : kind === 'integer'
            ? Number.isInteger(v)
            : kind === 'array'
              ? Array.isArray(v)
              : typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!ok) {
      const got = v === undefined ? 'missing' : `got ${JSON.stringify(v)?.slice(0, 40)}`;
      return `${where}${field}: expected ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}, ${got}`;
    }
  }
  return undefined;
}

function checkSchema(
  obj: Record<string, unknown>,
  id: string,
  version: number,
): string | undefined {
  if (obj.schema !== id) return `schema: expected "${id}", got ${JSON.stringify(obj.schema)}`;
  const v = obj.schemaVersion;
  if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > version) {
    const got = JSON.stringify(v);
    return `schemaVersion: expected 1..${version} (this build reads up to ${version}), got ${got}`;
  }
  return undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkManifest(x: unknown): string | undefined {
  if (!isRecord(x)) return 'expected a JSON object';
  const why = checkSchema(x, RUN_SCHEMA, RUN_SCHEMA_VERSION) ?? checkFields(x, RUN_FIELDS, '');
  if (why) return why;
  if (!(x.algorithms as unknown[]).every((a) => typeof a === 'string')) {
    return 'algorithms: expected an array of strings';
  }
  return undefined;
}

function checkTrial(x: unknown): string | undefined {
  if (!isRecord(x)) return 'expected a JSON object';
  const why =
    checkSchema(x, TRIAL_SCHEMA, TRIAL_SCHEMA_VERSION) ??
    checkFields(x, TRIAL_FIELDS, '') ??
    checkFields(x.optimum as Record<string, unknown>, OPTIMUM_FIELDS, 'optimum.');
  if (why) return why;
  const queries = x.queries as unknown[];
  if (queries.length > (x.budget as number)) {
    return `queries: ${queries.length} queries, more than the budget ${String(x.budget)}`;
  }
  for (let k = 0; k < queries.length; k++) {
    const q = queries[k];
    if (!isRecord(q)) return `queries[${k}]: expected an object`;
    const bad = checkFields(q, QUERY_FIELDS, `queries[${k}].`);
    if (bad) return bad;
    if (q.i !== k + 1) return `queries[${k}].i: expected ${k + 1}, got ${String(q.i)}`;
  }
  return undefined;
}

/** Name and manifest agreement of a structurally valid trial. */
function checkAgainst(
  t: TrialRecord,
  name: string,
  manifest: RunManifest | undefined,
): string | undefined {
  const expected = `${t.algorithm}-${t.trial}.json`;
  if (name !== expected) {
    return `holds trial ${t.trial} of ${t.algorithm}, expected file name ${expected}`;
  }
  if (!manifest) return undefined;
  for (const key of ['space', 'dataset', 'budget'] as const) {
    if (t[key] !== manifest[key]) {
      const [mine, theirs] = [JSON.stringify(t[key]), JSON.stringify(manifest[key])];
      return `${key} ${mine} differs from run.json (${theirs})`;
    }
  }
  if (!manifest.algorithms.includes(t.algorithm) || t.trial >= manifest.trials) {
    return `${t.algorithm} trial ${t.trial} is not part of the run in run.json`;
  }
  if (t.runSeed !== manifest.seed) {
    return `its run seed ${t.runSeed} differs from run.json (seed ${manifest.seed})`;
  }
  return undefined;
}
