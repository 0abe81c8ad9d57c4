import { OutOfSpaceError } from '../../core/errors.js';
import { checkShape, type Nb101MatrixLike } from './cell.js';
import { NB101_INPUT, NB101_OUTPUT, nb101OpCode } from './constants.js';
import { md5Hex } from './md5.js';
import { pruneBits } from './prune.js';

/** An MD5 function: UTF-8 text in, lowercase 32-char hex digest out. */
export type Md5Fn = (text: string) => string;

/**
 * The official NAS-Bench-101 graph hash (the key of the official dataset and of the `hash`
 * column of nb101.csv.gz) of a cell: the cell is pruned first, then fingerprinted with
 * `hashModule`. Isomorphic cells get the same hash; matrices of ints, floats 0.0/1.0 or booleans
 * give the same hash.
 *
 * Labels: input −1, output −2, interior ops by canonical index (conv3x3 0, conv1x1 1,
 * maxpool 2). Throws TypeError/RangeError for a malformed cell, OutOfSpaceError for a
 * disconnected cell or an unknown op on a kept vertex (so isolated dead vertices do not matter,
 * as in the official code).
 *
 * `md5` defaults to the pure-TypeScript MD5 (works in browsers); pass node:crypto's for speed.
 *
 * Limitations: like the official code, this Weisfeiler-Lehman style fingerprint is not a
 * complete isomorphism test in general; over the 423,624 cells of the official space it gives
 * exactly 423,624 distinct values (checked by bench/nb101-hash-all.ts against the dataset).
 */
export function graphHash(
  arch: { matrix: Nb101MatrixLike; ops: readonly string[] },
  md5: Md5Fn = md5Hex,
): string {
  const matrix = checkShape(arch, 'nb101.graphHash');
  const pruned = pruneBits(matrix, arch.ops);
  if (pruned === null) {
    throw new OutOfSpaceError(
      'nb101.graphHash: the input cannot reach the output (disconnected cell)',
    );
  }
  return hashModule(pruned.matrix, labelsOf(pruned.ops, 'nb101.graphHash'), md5);
}

/**
 * Hash labels of an op list: input −1, output −2, interior ops by canonical index. Throws
 * OutOfSpaceError naming the first op that has no label.
 */
export function labelsOf(ops: readonly string[], where: string): number[] {
  const n = ops.length;
  return ops.map((op, i) => {
    if (i === 0) {
      if (op !== NB101_INPUT) {
        throw new OutOfSpaceError(`${where}: first op must be 'input', got '${op}'`);
      }
      return -1;
    }
    if (i === n - 1) {
      if (op !== NB101_OUTPUT) {
        throw new OutOfSpaceError(`${where}: last op must be 'output', got '${op}'`);
      }
      return -2;
    }
    const code = nb101OpCode(op);
    if (code < 0) {
      throw new OutOfSpaceError(
        `${where}: op '${op}' at vertex ${i} is not an NB101 op ` +
          '(conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3)',
      );
    }
    return code;
  });
}

/**
 * The official fingerprint of an (already pruned) labelled DAG, byte for byte:
 * 1. each vertex starts with MD5 of Python's tuple text `"(out_degree, in_degree, label)"`;
 * 2. V rounds: new digest = MD5(sorted in-neighbour digests joined without separator + '|' +
 *    sorted out-neighbour digests + '|' + own digest);
 * 3. fingerprint = MD5 of Python's list text of the sorted digests, `"['d1', 'd2', ...]"`.
 *
 * `matrix` is 0/1 and strictly upper triangular, `labels` has one integer per vertex. Inputs
 * are trusted (no checks).
 */
export function hashModule(
  matrix: readonly (readonly number[])[],
  labels: readonly number[],
  md5: Md5Fn = md5Hex,
): string {
  const n = matrix.length;

  // start: degree and label of each vertex
  let hashes: string[] = [];
  for (let v = 0; v < n; v++) {
    let out = 0;
    let inn = 0;
    for (let w = 0; w < n; w++) {
      out += matrix[v]![w] ? 1 : 0;
      inn += matrix[w]![v] ? 1 : 0;
    }
    hashes.push(md5(`(${out}, ${inn}, ${labels[v]})`));
  }

  // rounds: mix in the sorted neighbour digests, V times
  for (let round = 0; round < n; round++) {
    const next: string[] = [];
    for (let v = 0; v < n; v++) {
      const ins: string[] = [];
      const outs: string[] = [];
      for (let w = 0; w < n; w++) {
        if (matrix[w]![v]) ins.push(hashes[w]!);
        if (matrix[v]![w]) outs.push(hashes[w]!);
      }
      next.push(md5(ins.sort().join('') + '|' + outs.sort().join('') + '|' + hashes[v]!));
    }
    hashes = next;
  }

  // fingerprint: the sorted multiset of final digests
  return md5(
    `[${hashes
      .sort()
      .map((h) => `'${h}'`)
      .join(', ')}]`,
  );
}
