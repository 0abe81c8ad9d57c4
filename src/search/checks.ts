import type { OptimizerContext } from './types.js';

/** Throws a TypeError naming the optimiser when the context lacks a space or a generator. */
export function checkContext<A>(name: string, ctx: OptimizerContext<A> | undefined): void {
  if (ctx === undefined || ctx === null || typeof ctx !== 'object')
    throw new TypeError(`${name}: expected a context { space, rng }, got ${String(ctx)}`);
  if (ctx.space === undefined || typeof ctx.space.sample !== 'function')
    throw new TypeError(`${name}: the context has no search space (ctx.space)`);
  if (ctx.rng === undefined || typeof ctx.rng.next !== 'function')
    throw new TypeError(`${name}: the context has no Rng (ctx.rng)`);
}

/** Throws a RangeError unless `remaining` (the query budget left) is a non-negative integer. */
export function checkRemaining(name: string, remaining: number): void {
  if (!Number.isInteger(remaining) || remaining < 0) {
    throw new RangeError(
      `${name}.ask: remaining budget must be a non-negative integer, got ${JSON.stringify(remaining) ?? String(remaining)}`,
    );
  }
}

/** Throws a TypeError or RangeError unless `valError` is a finite number. */
export function checkValError(name: string, valError: unknown): asserts valError is number {
  if (typeof valError !== 'number')
    throw new TypeError(
      `${name}.tell: validation error must be a number, got ${typeof valError} ${JSON.stringify(valError)}`,
    );
  if (!Number.isFinite(valError))
    throw new RangeError(`${name}.tell: validation error must be finite, got ${valError}`);
}
