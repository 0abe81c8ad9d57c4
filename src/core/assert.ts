/** Throws `Error(message())` when `cond` is false; the message is built only on failure. */
export function assert(cond: unknown, message: () => string): asserts cond {
  if (!cond) throw new Error(message());
}
