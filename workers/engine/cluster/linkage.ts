import { matrixLinkage, type MatrixLinkageOptions } from './matrix-linkage';
import { wardLinkage, type Linkage, type WardOptions } from './ward';

export type LinkageMethod = 'ward' | 'average' | 'complete';

export const LINKAGE_METHODS: readonly LinkageMethod[] = ['ward', 'average', 'complete'];

/**
 * Average linkage (UPGMA) of the rows of `X` (n × d, row-major), equal to SciPy's
 * `linkage(X, 'average')`: clusters are as far apart as the mean distance between their
 * points. Keeps the n(n − 1)/2 distance matrix; refuses above `maxPoints` (default 20,000).
 */
export function averageLinkage(
  X: Float64Array,
  n: number,
  d: number,
  options: MatrixLinkageOptions = {},
): Linkage {
  // SciPy's _average: the size-weighted mean of the two parts' distances.
  return matrixLinkage(
    X,
    n,
    d,
    'average',
    (dxi, dyi, _dxy, nx, ny) => (nx * dxi + ny * dyi) / (nx + ny),
    options,
  );
}

/**
 * Complete linkage of the rows of `X` (n × d, row-major), equal to SciPy's
 * `linkage(X, 'complete')`: clusters are as far apart as their farthest two points. Keeps
 * the n(n − 1)/2 distance matrix; refuses above `maxPoints` (default 20,000).
 */
export function completeLinkage(
  X: Float64Array,
  n: number,
  d: number,
  options: MatrixLinkageOptions = {},
): Linkage {
  return matrixLinkage(X, n, d, 'complete', (dxi, dyi) => (dxi > dyi ? dxi : dyi), options);
}

/**
 * Agglomerative linkage by `method`, SciPy's `linkage(X, method)`. Ward uses the
 * matrix-free nearest-neighbour chain (`wardLinkage`, limit 30,000 points by time); average
 * and complete keep the distance matrix (limit 20,000 points by memory). `maxPoints`
 * overrides the method's limit.
 */
export function linkage(
  X: Float64Array,
  n: number,
  d: number,
  method: LinkageMethod,
  options: WardOptions & MatrixLinkageOptions = {},
): Linkage {
  switch (method) {
    case 'ward':
      return wardLinkage(X, n, d, options);
    case 'average':
      return averageLinkage(X, n, d, options);
    case 'complete':
      return completeLinkage(X, n, d, options);
    default:
      throw new RangeError(
        `linkage method '${String(method)}'; expected one of ${LINKAGE_METHODS.join(', ')}`,
      );
  }
}
