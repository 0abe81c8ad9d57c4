/** A well-formed architecture that lies outside the search space (e.g. 10 edges in NB101). */
export class OutOfSpaceError extends Error {
  override name = 'OutOfSpaceError';
}

/**
 * A data file that is missing, truncated or malformed. The message names the file, the line
 * (1-based, when known) and what was expected there.
 */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
  }
}

/** Misused configuration: an unknown algorithm, a budget below the initial sample, a bad flag. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
