import { ConfigError } from '../core/errors.js';
import type { SearchSpace } from './types.js';

/**
 * Throws a ConfigError, naming `who` and the space's valid encodings, unless `space` offers
 * the encoding `encoding`.
 */
export function checkEncoding<A>(who: string, space: SearchSpace<A>, encoding: string): void {
  if (!space.encodings.includes(encoding)) {
    throw new ConfigError(
      `${who}: space '${space.name}' has no encoding '${encoding}'; valid: ${space.encodings.join(', ')}`,
    );
  }
}
