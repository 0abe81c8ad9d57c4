/**
 * Recomputes the official graph hash of all 423,624 cells of nb101.csv.gz and compares it with
 * the `hash` column; also checks that the hashes are all distinct (the fingerprint separates
 * every cell of the space). Prints the counts and the time per MD5 implementation.
 *
 * Run: `npx tsc -p . && node dist/bench/nb101-hash-all.js [--data DIR] [--md5 ts|node|both]`
 * (default `ts`, the pure-TypeScript MD5 the space uses; `both` runs the check twice).
 */
import { createHash } from 'node:crypto';
import { resolveDataDir } from '../src/bench/data-path.js';
import { loadNb101 } from '../src/bench/loaders/nasbench101.js';
import { graphHash, type Md5Fn } from '../src/space/nasbench101/graph-hash.js';
import { md5Hex } from '../src/space/nasbench101/md5.js';

const args = process.argv.slice(2);
const dataArg = args.includes('--data') ? args[args.indexOf('--data') + 1] : undefined;
const which = args.includes('--md5') ? args[args.indexOf('--md5') + 1]! : 'ts';
const table = loadNb101(resolveDataDir(dataArg));
const nodeMd5: Md5Fn = (s) => createHash('md5').update(s).digest('hex');
const impls: Array<[string, Md5Fn]> = [];
if (which === 'ts' || which === 'both') impls.push(['pure-TS md5', md5Hex]);
if (which === 'node' || which === 'both') impls.push(['node:crypto md5', nodeMd5]);

let failed = false;
for (const [name, md5] of impls) {
  const t0 = performance.now();
  let match = 0;
  const firstMismatches: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < table.size; i++) {
    const h = graphHash(table.cellAt(i), md5);
    seen.add(h);
    if (h === table.hashAt(i)) match++;
    else if (firstMismatches.length < 5) {
      firstMismatches.push(`row ${i}: ${h} vs ${table.hashAt(i)}`);
    }
  }
  const s = (performance.now() - t0) / 1000;
  const perCell = ((s / table.size) * 1e6).toFixed(0);
  console.log(
    `${name}: ${match} / ${table.size} hashes match the hash column; ${seen.size} distinct; ` +
      `${s.toFixed(1)} s (${perCell} µs per cell)`,
  );
  for (const m of firstMismatches) console.log(`  mismatch ${m}`);
  if (match !== table.size || seen.size !== table.size) failed = true;
}
process.exitCode = failed ? 1 : 0;
