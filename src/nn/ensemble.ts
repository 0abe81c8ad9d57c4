import type { Rng } from '../core/rng.js';
import { ConfigError } from '../core/errors.js';
import type { Backend } from './backend/backend.js';
import { resolveBackend } from './backend/resolve.js';
import { defaultMetaNetOptions, Mlp, validateOptions } from './mlp.js';
import type { Dataset, Ensemble, EnsembleOptions, EnsembleTrainer } from './types.js';

/** The reference ensemble: 5 meta networks with `defaultMetaNetOptions` (REFERENCE §1.8). */
export const defaultEnsembleOptions: Readonly<EnsembleOptions> = Object.freeze({
  ...defaultMetaNetOptions,
  size: 5,
});

/** A trained ensemble; also exposes its members for DNGO-style feature access. */
export class MlpEnsemble implements Ensemble {
  readonly size: number;
  /** The backend the members ran on, and why it was chosen. */
  readonly backendReason: string;
  constructor(
    readonly members: readonly Mlp[],
    backendReason: string,
  ) {
    this.size = members.length;
    this.backendReason = backendReason;
  }

  /**
   * result[m][i] = member m's prediction for row i of x (rows × cols, row-major).
   * @throws RangeError as `Mlp.predict`.
   */
  predict(x: Float32Array, rows: number): Float64Array[] {
    return this.members.map((m) => m.predict(x, rows));
  }
}

/**
 * Trains `options.size` meta networks from scratch on the same data (REFERENCE §1.8, B26).
 *
 * Member m gets its own generator, the m-th `rng.split()` taken before any training, which draws
 * its initial weights and its minibatch orders: members differ (their spread is the uncertainty
 * Thompson sampling uses), and the same `rng` state gives identical predictions. Nothing is kept
 * between calls: each round builds new networks, and the old ensemble is garbage once dropped.
 *
 * The backend comes from `options.backend` (see `resolveBackend`); members train one after the
 * other on the calling thread.
 *
 * @throws ConfigError for an out-of-range option (size included); RangeError for bad data
 *   (messages start with `mlp.fit:`).
 */
export const trainEnsemble: EnsembleTrainer = async (
  data: Dataset,
  options: EnsembleOptions,
  rng: Rng,
): Promise<MlpEnsemble> => {
  const o = { ...defaultEnsembleOptions, ...options };
  validateOptions('trainEnsemble', data.cols, o);
  if (!Number.isInteger(o.size) || o.size < 1) {
    throw new ConfigError(`trainEnsemble: size must be a positive integer, got ${o.size}`);
  }
  const resolved = await resolveBackend(o.backend, { precision: o.precision ?? 'float64' });
  const backend: Backend = resolved.backend;
  const seeds = Array.from({ length: o.size }, () => rng.split());
  const members = seeds.map((child) => {
    const net = new Mlp(data.cols, o, child, backend);
    net.fit(data);
    return net;
  });
  return new MlpEnsemble(members, resolved.reason);
};
