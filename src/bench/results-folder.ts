// The results folder of a run: atomic writes, the run manifest and the resume checks that keep
// trials of different runs from mixing.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { ExperimentEvent } from './experiment.js';
import { trialSeed } from './harness.js';
import { RUN_SCHEMA, TRIAL_SCHEMA, type RunManifest, type TrialRecord } from './results.js';

/** Map key of one trial: `<algorithm>-<trial>`, as its file name. */
export function trialKey(algorithm: string, trial: number): string {
  return `${algorithm}-${trial}`;
}

/** Writes a file atomically: a temporary file in the same folder, then a rename over the target. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function readManifest(out: string): RunManifest | undefined {
  const file = join(out, 'run.json');
  if (!existsSync(file)) {
    if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, 'trials'))) {
      throw new ConfigError(
        `${out} exists, is not empty and holds no run.json: choose another --out`,
      );
    }
    return undefined;
  }
  let m: RunManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as RunManifest;
  } catch (e) {
    throw new ConfigError(
      `${file} is not valid JSON (${(e as Error).message}); move it away or choose another --out`,
    );
  }
  if (m.schema !== RUN_SCHEMA) throw new ConfigError(`${file} is not a bananas-ts run manifest`);
  return m;
}

/** Refuses to mix runs whose results are not comparable. */
export function checkCompatible(out: string, previous: RunManifest, current: RunManifest): void {
  const diffs: string[] = [];
  for (const k of ['space', 'dataset', 'budget', 'seed'] as const) {
    if (previous[k] !== current[k])
      diffs.push(`${k} ${JSON.stringify(previous[k])} there, ${JSON.stringify(current[k])} now`);
  }
  const before = previous.benchmark ?? { oracle: {}, objective: '' };
  const now = current.benchmark!;
  if (stableJson(before.oracle) !== stableJson(now.oracle)) {
    diffs.push(`benchmark options differ (${describeDiff(before.oracle, now.oracle)})`);
  }
  if ((before.tableFile ?? null) !== (now.tableFile ?? null)) {
    diffs.push(
      `table file ${JSON.stringify(before.tableFile ?? "the data folder's")} there, ${JSON.stringify(now.tableFile ?? "the data folder's")} now`,
    );
  } else if (before.objective !== now.objective && diffs.length === 0) {
    diffs.push('the benchmark table describes its objective differently (another table version?)');
  }
  for (const a of current.algorithms) {
    const before = previous.options?.[a];
    if (before !== undefined && stableJson(before) !== stableJson(current.options[a])) {
      diffs.push(`options of ${a} differ (${describeDiff(before, current.options[a]!)})`);
    }
  }
  if (diffs.length > 0) {
    throw new ConfigError(
      `${out} holds results of a different run: ${diffs.join('; ')}. Use another --out or remove the folder`,
    );
  }
}

export function mergeManifests(
  previous: RunManifest | undefined,
  current: RunManifest,
): RunManifest {
  if (previous === undefined) return current;
  const algorithms = [
    ...previous.algorithms,
    ...current.algorithms.filter((a) => !previous.algorithms.includes(a)),
  ];
  return {
    ...current,
    algorithms,
    trials: Math.max(previous.trials, current.trials),
    options: { ...previous.options, ...current.options },
  };
}

export function readFinishedTrials(
  out: string,
  manifest: RunManifest,
  oracle: { dataset: string; description: string; optimum: unknown; space: { name: string } },
  onEvent?: (e: ExperimentEvent) => void,
): Map<string, TrialRecord> {
  const found = new Map<string, TrialRecord>();
  const dir = join(out, 'trials');
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as TrialRecord;
      if (r.schema !== TRIAL_SCHEMA) throw new Error('not a trial record');
      if (!manifest.algorithms.includes(r.algorithm) || r.trial >= manifest.trials) continue;
      if (name !== `${r.algorithm}-${r.trial}.json`)
        throw new Error(`its content is ${r.algorithm} trial ${r.trial}`);
      if (r.space !== oracle.space.name || r.dataset !== oracle.dataset)
        throw new Error(
          `it holds ${r.space} ${r.dataset}, not ${oracle.space.name} ${oracle.dataset}`,
        );
      if (
        r.objective !== oracle.description ||
        stableJson(r.optimum) !== stableJson(oracle.optimum)
      )
        throw new Error('it was run on another benchmark table');
      if (r.runSeed !== manifest.seed || r.seed !== trialSeed(manifest.seed, r.trial))
        throw new Error('its seeds do not match the run');
      if (r.budget !== manifest.budget)
        throw new Error(`its budget is ${r.budget}, the run's ${manifest.budget}`);
      if (
        !Array.isArray(r.queries) ||
        r.queries.length === 0 ||
        r.queries.some((q, i) => q.i !== i + 1)
      )
        throw new Error('its query list is empty or out of order');
      if (r.queries.length !== r.budget && r.stoppedEarly === undefined)
        throw new Error(`it holds ${r.queries.length} of ${r.budget} queries`);
      if (stableJson(r.options) !== stableJson(manifest.options[r.algorithm]))
        throw new Error('its options do not match the run');
      found.set(trialKey(r.algorithm, r.trial), r);
    } catch (e) {
      onEvent?.({
        type: 'skipped-file',
        file,
        reason: `${(e as Error).message}; the trial runs again`,
      });
    }
  }
  return found;
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : x,
  );
}

function describeDiff(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const parts: string[] = [];
  for (const k of keys) {
    if (stableJson(a[k]) !== stableJson(b[k]))
      parts.push(`${k}: ${stableJson(a[k])} there, ${stableJson(b[k])} now`);
  }
  return parts.join(', ');
}
