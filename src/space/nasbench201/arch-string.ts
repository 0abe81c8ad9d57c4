import { NB201_OPS, nb201OpIndexOrMinus1, type Nb201Arch, type Nb201Op } from './constants.js';

/**
 * The canonical NB201 arch string of an architecture, e.g.
 * `|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|`:
 * one `+`-separated group per target node 1, 2, 3, each listing `|op~source|` in increasing
 * source order. This is the exact form the benchmark table uses, so it is also the hash.
 *
 * Does not validate `arch` (callers at a public boundary do); 6 op names are assumed.
 */
export function nb201ArchString(arch: Nb201Arch): string {
  return `|${arch[0]}~0|+|${arch[1]}~0|${arch[2]}~1|+` + `|${arch[3]}~0|${arch[4]}~1|${arch[5]}~2|`;
}

// position in Nb201Arch of edge (source → target), indexed [target - 1][source]
const EDGE_POS: readonly (readonly number[])[] = [[0], [1, 2], [3, 4, 5]];

/**
 * Parses an NB201 arch string into its 6 ops, canonicalising harmless variations (PITFALLS
 * B15): surrounding whitespace (spaces, a trailing newline) is trimmed, and a node's inputs may
 * be listed in any order (they are placed by their source index). The result re-serialises to
 * the canonical string, so a lookup by it never silently misses.
 *
 * Expected shape: 3 groups joined by `+`; group k (target node k = 1, 2, 3) is `|op~s|…|` with
 * exactly k tokens whose sources are the distinct integers 0..k−1.
 *
 * Throws SyntaxError naming the problem and the offending text for: an empty string, a number
 * of `+` groups other than 3, a group not opened and closed by `|`, an empty token, a token that
 * is not `op~source`, an unknown op, a source that is not a non-negative integer or not below
 * its target node, a repeated source, and a group with the wrong number of edges.
 */
export function parseNb201ArchString(text: string): Nb201Arch {
  if (typeof text !== 'string') {
    throw new TypeError(`nb201.parse: expected a string, got ${typeof text}`);
  }
  const s = text.trim();
  const where = (): string => ` in ${JSON.stringify(text)}`;
  if (s === '') throw new SyntaxError(`nb201.parse: empty arch string${where()}`);
  const groups = s.split('+');
  if (groups.length !== 3) {
    throw new SyntaxError(
      `nb201.parse: expected 3 node groups separated by '+', found ${groups.length}${where()}`,
    );
  }
  const ops = new Array<Nb201Op>(6);
  for (let g = 0; g < 3; g++) {
    const group = groups[g]!;
    const target = g + 1;
    if (group.length < 2 || group[0] !== '|' || group[group.length - 1] !== '|') {
      throw new SyntaxError(
        `nb201.parse: group ${target} ${JSON.stringify(group)} must start and end with '|'${where()}`,
      );
    }
    const tokens = group.slice(1, -1).split('|');
    if (tokens.length !== target) {
      throw new SyntaxError(
        `nb201.parse: node ${target} needs ${target} input edge(s), found ${tokens.length} in ` +
          `${JSON.stringify(group)}${where()}`,
      );
    }
    const seen = [false, false, false];
    for (const token of tokens) {
      const tilde = token.indexOf('~');
      if (token === '' || tilde < 0 || tilde !== token.lastIndexOf('~')) {
        throw new SyntaxError(
          `nb201.parse: token ${JSON.stringify(token)} of node ${target} is not 'op~source'${where()}`,
        );
      }
      const op = token.slice(0, tilde);
      const src = token.slice(tilde + 1);
      if (nb201OpIndexOrMinus1(op) < 0) {
        throw new SyntaxError(
          `nb201.parse: unknown op ${JSON.stringify(op)} in token ${JSON.stringify(token)}; ` +
            `expected one of ${NB201_OPS.join(', ')}${where()}`,
        );
      }
      if (!/^[0-9]+$/.test(src)) {
        throw new SyntaxError(
          `nb201.parse: source ${JSON.stringify(src)} in token ${JSON.stringify(token)} is not a ` +
            `node number${where()}`,
        );
      }
      const source = Number(src);
      if (source >= target) {
        throw new SyntaxError(
          `nb201.parse: source node ${source} out of range for node ${target} (expected 0..${target - 1}) ` +
            `in token ${JSON.stringify(token)}${where()}`,
        );
      }
      if (seen[source]) {
        throw new SyntaxError(
          `nb201.parse: node ${target} lists source ${source} twice (token ${JSON.stringify(token)})${where()}`,
        );
      }
      seen[source] = true;
      ops[EDGE_POS[g]![source]!] = op as Nb201Op;
    }
  }
  return ops;
}
