/** A JSON value: what `AskTellOptimizer.state()` can hold (and what `extra` must be to survive it). */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Deep copy of `value` through JSON, checking that nothing is lost on the way: throws TypeError
 * naming `what` and the first offending path for a function, symbol, bigint, undefined inside
 * an array, a non-finite number or a non-plain object (class instance, typed array, Map, Date).
 */
export function jsonCopy<T extends JsonValue>(value: unknown, what: string): T {
  check(value, what);
  return JSON.parse(JSON.stringify(value)) as T;
}

function check(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot hold`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => check(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(
        `${path} is a ${proto?.constructor?.name ?? 'non-plain'} object; only plain JSON data is kept`,
      );
    }
    for (const [k, v] of Object.entries(value)) if (v !== undefined) check(v, `${path}.${k}`);
    return;
  }
  throw new TypeError(`${path} is a ${typeof value}, which JSON cannot hold`);
}
