import { schemeTableau10 } from 'd3';

// Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision
// deficiencies. Black is replaced by grey so that marks stay visible on the dark theme; yellow
// comes late because thin marks in yellow are hard to see on white.
const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#999999',
];

/** Colour of palette slot `i`; past eight slots the Tableau 10 scheme continues the cycle. */
export function paletteColor(i: number): string {
  if (i < OKABE_ITO.length) return OKABE_ITO[i];
  return schemeTableau10[(i - OKABE_ITO.length) % schemeTableau10.length];
}

export const PALETTE_SIZE = OKABE_ITO.length + schemeTableau10.length;
