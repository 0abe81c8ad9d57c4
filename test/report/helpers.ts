import {
  TRIAL_SCHEMA,
  TRIAL_SCHEMA_VERSION,
  type QueryRecord,
  type TrialRecord,
} from '../../src/bench/results.js';

/** One query as [valError %, testError %, trainTime s]. */
export type Q = [val: number, test: number, time: number];

/** A trial record from hand-written queries; cumulative simulated time is summed here. */
export function trial(
  algorithm: string,
  index: number,
  qs: Q[],
  over: Partial<Pick<TrialRecord, 'space' | 'dataset' | 'budget'>> & { optimumTest?: number } = {},
): TrialRecord {
  let sim = 0;
  const queries: QueryRecord[] = qs.map(([valError, testError, trainTime], k) => {
    sim += trainTime;
    return {
      i: k + 1,
      arch: `a${k}`,
      hash: `h${k}`,
      valError,
      testError,
      trainTime,
      simulatedSeconds: sim,
      optimizerSeconds: 0,
    };
  });
  return {
    schema: TRIAL_SCHEMA,
    schemaVersion: TRIAL_SCHEMA_VERSION,
    package: { name: 'bananas-ts', version: '0.1.0' },
    space: over.space ?? 'toy',
    dataset: over.dataset ?? 'd',
    algorithm,
    trial: index,
    runSeed: 1,
    seed: 100 + index,
    budget: over.budget ?? qs.length,
    options: {},
    backend: 'none',
    objective: 'toy',
    optimum: { valError: 1, testError: over.optimumTest ?? 2, testErrorOfBestVal: 3 },
    queries,
    wallSeconds: 0,
  };
}

/**
 * Three hand-made trials of algorithm 'A' (budget 4, optimum test error 2), used by the summary
 * and markdown tests; the expected numbers are derived in summary.test.ts.
 *
 *   trial 0: (val 10, test 9, 100 s) (8, 7, 200) (9, 5, 100) (7, 6, 50)   trace 9 7 7 6
 *   trial 1: (6, 6.5, 300) (7, 4, 100) (5, 6, 100) (5, 3, 100)           trace 6.5 6.5 6 6
 *   trial 2: (9, 8, 100) (9, 2, 100) (8.5, 7, 100) (4, 5, 200)           trace 8 8 7 5
 */
export function handTrials(): TrialRecord[] {
  return [
    trial('A', 0, [
      [10, 9, 100],
      [8, 7, 200],
      [9, 5, 100],
      [7, 6, 50],
    ]),
    trial('A', 1, [
      [6, 6.5, 300],
      [7, 4, 100],
      [5, 6, 100],
      [5, 3, 100],
    ]),
    trial('A', 2, [
      [9, 8, 100],
      [9, 2, 100],
      [8.5, 7, 100],
      [4, 5, 200],
    ]),
  ];
}
