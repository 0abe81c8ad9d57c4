import type { Rng } from '../core/rng.js';
import type { SearchSpace } from '../space/types.js';

/**
 * Up to `count` random architectures whose hashes are not in `seen` and differ from each
 * other, as the reference's `generate_random_dataset` draws them: it gives up after
 * 5·count − 1 draws, so the result can be shorter when the space is nearly exhausted.
 * Adds the hashes of the returned architectures to `seen`.
 */
export function sampleUnseen<A>(
  space: SearchSpace<A>,
  rng: Rng,
  count: number,
  seen: Set<string>,
): A[] {
  const out: A[] = [];
  let tries = 5 * count;
  while (out.length < count && --tries > 0) {
    const arch = space.sample(rng);
    const h = space.hash(arch);
    if (seen.has(h)) continue;
    seen.add(h);
    out.push(arch);
  }
  return out;
}
