/**
 * The NAS-Bench-101 architecture value (`Nb101Arch`) and the shape checks every entry point
 * shares.
 */

/**
 * One NAS-Bench-101 cell (the official `ModelSpec`): a strictly upper-triangular 0/1 adjacency
 * `matrix` (V×V, 2 ≤ V ≤ 7, `matrix[r][c] = 1` ⇔ edge r→c) and `ops`, one full op name per
 * vertex: `ops[0] = 'input'`, `ops[V-1] = 'output'`, the rest from `NB101_OPS`. A cell may
 * hold vertices or edges that lie on no input→output path; they are pruned before hashing,
 * lookup and serialisation.
 */
export interface Nb101Arch {
  matrix: number[][];
  ops: string[];
}

/** A matrix as users may pass it: 0/1 numbers or booleans (1, 1.0 and true are the same edge). */
export type Nb101MatrixLike = ReadonlyArray<ReadonlyArray<number | boolean>>;

/**
 * Checks the shape of a cell and returns its matrix as 0/1 numbers (a fresh copy).
 * Throws TypeError for a value of the wrong kind (not arrays, an entry other than 0/1/true/false,
 * an op that is not a string) and RangeError for wrong sizes (non-square matrix, ops length ≠
 * matrix size, fewer than 2 vertices, an entry on or below the diagonal). No silent padding or
 * truncation (PITFALLS B12).
 */
export function checkShape(
  arch: { matrix: Nb101MatrixLike; ops: readonly string[] },
  where: string,
): number[][] {
  if (arch === null || typeof arch !== 'object') {
    throw new TypeError(`${where}: expected an object {matrix, ops}, got ${String(arch)}`);
  }
  const { matrix, ops } = arch;
  if (!Array.isArray(matrix)) throw new TypeError(`${where}: matrix must be an array of rows`);
  if (!Array.isArray(ops)) throw new TypeError(`${where}: ops must be an array of op names`);
  const n = matrix.length;
  if (n < 2) {
    throw new RangeError(`${where}: matrix has ${n} rows, a cell needs at least 2 (input, output)`);
  }
  if (ops.length !== n) {
    throw new RangeError(
      `${where}: ops has ${ops.length} entries but the matrix is ${n}×${n}; ` +
        'they must match (no padding)',
    );
  }
  const out: number[][] = [];
  for (let r = 0; r < n; r++) {
    const row = matrix[r];
    if (!Array.isArray(row)) throw new TypeError(`${where}: matrix row ${r} is not an array`);
    if (row.length !== n) {
      throw new RangeError(
        `${where}: matrix row ${r} has ${row.length} entries, expected ${n} (square matrix)`,
      );
    }
    const bits: number[] = new Array<number>(n);
    for (let c = 0; c < n; c++) {
      const v = row[c];
      let b: number;
      if (v === 0 || v === false) b = 0;
      else if (v === 1 || v === true) b = 1;
      else throw new TypeError(`${where}: matrix[${r}][${c}] = ${String(v)}, expected 0 or 1`);
      if (b === 1 && c <= r) {
        throw new RangeError(
          `${where}: matrix[${r}][${c}] = 1 is on or below the diagonal; ` +
            'the matrix must be strictly upper triangular',
        );
      }
      bits[c] = b;
    }
    out.push(bits);
  }
  for (let i = 0; i < n; i++) {
    if (typeof ops[i] !== 'string') throw new TypeError(`${where}: ops[${i}] is not a string`);
  }
  return out;
}

/** Deep copy of a cell (fresh matrix rows and ops array). */
export function copyArch(arch: Nb101Arch): Nb101Arch {
  return { matrix: arch.matrix.map((row) => row.slice()), ops: arch.ops.slice() };
}

/** Number of edges (ones) of a 0/1 matrix. */
export function edgeCount(matrix: readonly (readonly number[])[]): number {
  let e = 0;
  for (const row of matrix) for (const v of row) e += v ? 1 : 0;
  return e;
}
