/**
 * Okabe–Ito colour-blind-safe palette, ordered for contrast on white (yellow, the weakest on
 * white, last). Beyond eight series the colours repeat and `dashFor` tells the lines apart.
 */
export const PALETTE: readonly string[] = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

/** Colour of series k (0-based). */
export function colourFor(k: number): string {
  return PALETTE[k % PALETTE.length]!;
}

/** Stroke dash pattern of series k: solid for the first round of colours, then dashed variants. */
export function dashFor(k: number): string | undefined {
  const round = Math.floor(k / PALETTE.length);
  return round === 0 ? undefined : ['6 3', '2 2', '8 3 2 3'][(round - 1) % 3];
}
