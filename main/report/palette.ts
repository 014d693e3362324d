import { schemeTableau10 } from 'd3';

/**
 * Categorical colours for clusters: Tableau 10, chosen for telling hues apart with the common
 * colour-vision deficiencies. Beyond ten clusters the colours repeat, so labels stay printed.
 */
export function clusterColor(label: number): string {
  const n = schemeTableau10.length;
  return schemeTableau10[((label % n) + n) % n];
}
