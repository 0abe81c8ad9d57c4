import * as assert from 'uvu/assert';

/** Asserts |actual − expected| ≤ tol, with a message that shows all three. */
export function expectClose(actual: number, expected: number, tol: number, what = 'value'): void {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: expected ${expected} ± ${tol}, got ${actual}`,
  );
}

/** Seed for fast-check properties: fixed under CI, printed by fast-check on failure. */
export const FC_SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261204;

/** Asserts that `fn` throws an error of class `kind` whose message matches `pattern`. */
export function expectThrows(
  fn: () => unknown,
  kind: new (...a: never[]) => Error,
  pattern: RegExp,
): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof kind, `expected ${kind.name}, got ${String(caught)}`);
  assert.match((caught as Error).message, pattern);
}
