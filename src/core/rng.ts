/**
 * Seeded pseudo-random generator used everywhere in the library (never the global unseeded one).
 *
 * Algorithm: xoshiro128** (Blackman & Vigna) over four uint32 words, seeded through
 * splitmix32 so that any integer seed, 0 included, gives a well-mixed state. We use our own
 * small generator rather than a package because its whole state is four numbers: it
 * serialises to JSON (`state()` / `Rng.fromState`) for resumable ask/tell optimisers, and
 * `split()` derives independent child streams (one per ensemble member, per trial) without
 * touching any global.
 *
 * Limitations: not cryptographic; period 2^128 − 1.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @param seed any finite number (0 is a real seed); non-integers are truncated. */
  constructor(seed: number) {
    if (!Number.isFinite(seed))
      throw new TypeError(`Rng: seed must be a finite number, got ${seed}`);
    // splitmix32 expands the seed into four words; both halves of a 53-bit seed count
    let x =
      (Math.trunc(seed) >>> 0) ^
      Math.imul(Math.floor(Math.trunc(seed) / 4294967296) >>> 0, 0x9e3779b9);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Restores a generator from `state()`. */
  static fromState(state: readonly number[]): Rng {
    if (state.length !== 4 || state.some((v) => !Number.isInteger(v) || v < 0 || v > 0xffffffff)) {
      throw new TypeError('Rng.fromState: expected four uint32 words');
    }
    const r = new Rng(0);
    [r.s0, r.s1, r.s2, r.s3] = state as [number, number, number, number];
    return r;
  }

  /** The four uint32 words of the state, for JSON serialisation. */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Next uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0)
      throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** Uniform double in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal draw (Box–Muller, two uniforms per draw, no cached state). */
  normal(mean = 0, std = 1): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** One element chosen uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty list');
    return items[this.int(items.length)]!;
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** An independent child generator; advances this one by four draws. */
  split(): Rng {
    const r = new Rng(0);
    r.s0 = this.nextUint32();
    r.s1 = this.nextUint32();
    r.s2 = this.nextUint32();
    r.s3 = this.nextUint32();
    if ((r.s0 | r.s1 | r.s2 | r.s3) === 0) r.s0 = 1;
    return r;
  }

  /** A seed in [0, 2^32) for handing to code that takes a number (worker threads, trials). */
  seed(): number {
    return this.nextUint32();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
