import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, DataFileError } from '../core/errors.js';

/** Environment variable that names the data folder when no explicit folder is given. */
export const DATA_ENV = 'BANANAS_DATA';

/**
 * Resolves the benchmark data folder: the explicit argument (CLI `--data`), then the
 * `BANANAS_DATA` environment variable, then `../shared/data` beside the repository (the folder
 * that holds package.json). Throws DataFileError naming every place it looked when the chosen
 * folder does not exist.
 */
export function resolveDataDir(
  explicit?: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const tried: string[] = [];
  const candidates: Array<[string, string]> = [];
  if (explicit !== undefined && explicit !== '') candidates.push([resolve(explicit), '--data']);
  else if (env[DATA_ENV] !== undefined && env[DATA_ENV] !== '')
    candidates.push([resolve(env[DATA_ENV]!), DATA_ENV]);
  else candidates.push([join(packageRoot(), '..', 'shared', 'data'), 'default ../shared/data']);
  for (const [dir, source] of candidates) {
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
    tried.push(`${dir} (${source})`);
  }
  throw new DataFileError(
    tried.join(', '),
    undefined,
    `benchmark data folder not found; pass --data DIR or set ${DATA_ENV}`,
  );
}

/** The folder holding this package's package.json (works from src/ and from dist/src/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('packageRoot: package.json not found above ' + fileURLToPath(import.meta.url));
}

/** Path of a file inside the data folder; throws DataFileError when it is missing. */
export function dataFile(dataDir: string, ...parts: string[]): string {
  const p = join(dataDir, ...parts);
  if (!existsSync(p)) throw new DataFileError(p, undefined, 'file not found');
  return p;
}

/**
 * Refuses an output folder inside the benchmark data folder, comparing real paths (symbolic
 * links resolved, for the folder or its nearest existing parent).
 */
export function assertOutsideData(out: string, dataDir: string): void {
  const real = (p: string): string => {
    let head = resolve(p);
    const tail: string[] = [];
    while (!existsSync(head) && dirname(head) !== head) {
      tail.unshift(basename(head));
      head = dirname(head);
    }
    return join(realpathSync(head), ...tail);
  };
  const o = real(out);
  const d = real(dataDir);
  if ((o + sep).startsWith(d + sep))
    throw new ConfigError(
      `--out ${out} lies inside the benchmark data folder ${dataDir}; choose a folder outside it`,
    );
}
