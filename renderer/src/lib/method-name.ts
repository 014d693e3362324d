import type { ClusterParams, MethodName } from '../../../main/contract';

export type Linkage = ClusterParams['linkage'];

export const LINKAGE_NAME: Record<Linkage, string> = {
  ward: 'Ward',
  average: 'Average linkage',
  complete: 'Complete linkage',
};

/** What the merge heights of each linkage measure, for the dendrogram's axis. */
export const LINKAGE_HEIGHT: Record<Linkage, string> = {
  ward: 'Ward distance',
  average: 'mean pairwise distance',
  complete: 'largest pairwise distance',
};

/**
 * The name shown for a method's panel: the contract keeps the hierarchical method under the
 * `ward` key whatever its linkage, so the name comes from the clustering's parameters.
 */
export function methodName(method: MethodName, linkage: Linkage): string {
  return method === 'kmeans' ? 'K-means' : `${LINKAGE_NAME[linkage]} (agglomerative)`;
}

/** Short form for legends and table headers: "K-means", "Ward", "Average". */
export function methodShortName(method: MethodName, linkage: Linkage): string {
  if (method === 'kmeans') return 'K-means';
  return linkage === 'ward' ? 'Ward' : LINKAGE_NAME[linkage].replace(' linkage', '');
}
