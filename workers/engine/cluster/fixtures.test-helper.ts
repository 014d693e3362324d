/**
 * Test-only loader for the SciPy / scikit-learn reference fixtures written by
 * scripts/make_cluster_fixtures.py into fixtures/cluster/.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface ReferenceMetrics {
  silhouetteScore: number;
  silhouetteSamples: number[];
  daviesBouldin: number;
  calinskiHarabasz: number;
}

export interface ReferenceLinkage {
  left: number[];
  right: number[];
  height: number[];
  size: number[];
}

/** One k of the k-sweep reference: scikit-learn's metrics on SciPy's Ward cut. */
export interface SweepReference {
  k: number;
  wardLabels: number[];
  ward: { silhouette: number; daviesBouldin: number; calinskiHarabasz: number; inertia: number };
  kmeansInertia: number;
}

export interface ClusterFixture {
  name: string;
  description: string;
  n: number;
  d: number;
  X: Float64Array;
  linkage: ReferenceLinkage;
  k: number;
  wardLabels: Int32Array;
  cophenetic: number;
  kmeans: { inertia: number; labels: Int32Array };
  metrics: { ward: ReferenceMetrics; kmeans: ReferenceMetrics };
  adjustedRand: number;
  /** SciPy's average and complete linkages, each with its cophenetic correlation. */
  linkages: Record<'average' | 'complete', ReferenceLinkage & { cophenetic: number }>;
  /** fcluster(Z, h, 'distance') partitions, labels renumbered by first appearance. */
  heightCuts: { method: 'ward' | 'average' | 'complete'; h: number; labels: number[] }[];
  sweep: SweepReference[];
}

export const fixtureNames = ['blobs', 'duplicates', 'outlier', 'random-500x20'] as const;

export function loadFixture(name: string): ClusterFixture {
  const url = new URL(`../../../fixtures/cluster/${name}.json`, import.meta.url);
  const raw = JSON.parse(readFileSync(url, 'utf8'));
  return {
    ...raw,
    name,
    X: Float64Array.from(raw.points),
    wardLabels: Int32Array.from(raw.wardLabels),
    kmeans: { inertia: raw.kmeans.inertia, labels: Int32Array.from(raw.kmeans.labels) },
  };
}

/** Asserts |actual − expected| ≤ max(rel·|expected|, abs). */
export function expectClose(actual: number, expected: number, rel: number, abs = 0): void {
  const bound = Math.max(rel * Math.abs(expected), abs);
  if (!(Math.abs(actual - expected) <= bound)) {
    expect.fail(`${actual} differs from ${expected} by more than ${bound}`);
  }
}

/** Largest |actual − expected| / |expected| over the entries (absolute where expected is 0). */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const err = e === 0 ? Math.abs(actual[i]) : Math.abs(actual[i] - e) / Math.abs(e);
    if (Number.isNaN(err)) return NaN;
    if (err > worst) worst = err;
  }
  return worst;
}
