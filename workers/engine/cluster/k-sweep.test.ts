import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { calinskiHarabaszScore } from './calinski-harabasz';
import { cutTree } from './cut-tree';
import {
  expectClose,
  fixtureNames,
  loadFixture,
  type ReferenceLinkage,
} from './fixtures.test-helper';
import { kSweep } from './k-sweep';
import { silhouetteScore } from './silhouette';
import { wardLinkage, type Linkage } from './ward';

const asLinkage = (z: ReferenceLinkage): Linkage => ({
  left: Int32Array.from(z.left),
  right: Int32Array.from(z.right),
  height: Float64Array.from(z.height),
  size: Int32Array.from(z.size),
});

describe('kSweep(X, n, d, { ks, rng })', () => {
  for (const name of fixtureNames) {
    it(`scores SciPy's Ward cuts at k = 2..6 as scikit-learn does on fixture ${name}`, () => {
      const f = loadFixture(name);
      const sweep = kSweep(f.X, f.n, f.d, { ks: [2, 3, 4, 5, 6], rng: createRng(11) });
      expect(sweep.silhouetteExact).toBe(true);
      expect(sweep.silhouettePoints).toBe(f.n);
      expect(sweep.rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6]);
      for (const [i, ref] of f.sweep.entries()) {
        const ward = sweep.rows[i].hierarchical!;
        expect(Array.from(ward.labels)).toEqual(ref.wardLabels);
        expectClose(ward.silhouette, ref.ward.silhouette, 1e-9);
        expectClose(ward.daviesBouldin, ref.ward.daviesBouldin, 1e-9);
        expectClose(ward.calinskiHarabasz, ref.ward.calinskiHarabasz, 1e-9);
        expectClose(ward.inertia, ref.ward.inertia, 1e-9);
        // K-means: different random streams from scikit-learn's, so other local optima. At
        // k ≤ 3 both find the optimum (within 0.5%); at k = 4..6 on these small sets a
        // 10-restart run lands anywhere within about ±3% of scikit-learn's, on either side
        // (measured over seeds 11–13: −2.0% to +3.3%), so only gross failures are caught.
        const ratio = sweep.rows[i].kmeans.inertia / ref.kmeansInertia;
        expect(ratio).toBeLessThanOrEqual(ref.k <= 3 ? 1.005 : 1.05);
      }
    });
  }

  it('scores each K-means labelling with the engine’s own metrics', () => {
    const f = loadFixture('blobs');
    const sweep = kSweep(f.X, f.n, f.d, { ks: [3, 7], rng: createRng(5), method: null });
    for (const row of sweep.rows) {
      const { labels } = row.kmeans;
      expect(new Set(labels).size).toBe(row.k);
      expectClose(row.kmeans.silhouette, silhouetteScore(f.X, f.n, f.d, labels), 1e-12);
      expectClose(row.kmeans.calinskiHarabasz, calinskiHarabaszScore(f.X, f.n, f.d, labels), 0);
      expect(row.hierarchical).toBeNull();
    }
    expect(sweep.linkage).toBeNull();
  });

  it('cuts a given Ward tree instead of building one, and is reproducible', () => {
    const f = loadFixture('outlier');
    const linkage = wardLinkage(f.X, f.n, f.d);
    const a = kSweep(f.X, f.n, f.d, { rng: createRng(3), linkage });
    expect(a.linkage).toBe(linkage);
    expect(a.rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    for (const row of a.rows) {
      expect(Array.from(row.hierarchical!.labels)).toEqual(
        Array.from(cutTree(linkage, f.n, row.k)),
      );
    }
    const b = kSweep(f.X, f.n, f.d, { rng: createRng(3) });
    expect(b.rows.map((r) => r.kmeans.inertia)).toEqual(a.rows.map((r) => r.kmeans.inertia));
    expect(b.rows.map((r) => r.hierarchical!.silhouette)).toEqual(
      a.rows.map((r) => r.hierarchical!.silhouette),
    );
  });

  it('cuts an average or complete tree when asked, scored by the same metrics', () => {
    const f = loadFixture('outlier');
    for (const method of ['average', 'complete'] as const) {
      const sweep = kSweep(f.X, f.n, f.d, { ks: [2, 3], rng: createRng(4), method });
      expect(sweep.method).toBe(method);
      const tree = asLinkage(f.linkages[method]);
      for (const row of sweep.rows) {
        const labels = cutTree(tree, f.n, row.k);
        expect(Array.from(row.hierarchical!.labels)).toEqual(Array.from(labels));
        expectClose(row.hierarchical!.silhouette, silhouetteScore(f.X, f.n, f.d, labels), 1e-12);
      }
    }
  });

  it('scores every labelling on the same seeded sample when asked, and says so', () => {
    const f = loadFixture('random-500x20');
    const exact = kSweep(f.X, f.n, f.d, { ks: [2, 4], rng: createRng(8) });
    const sampled = kSweep(f.X, f.n, f.d, { ks: [2, 4], rng: createRng(8), silhouetteSample: 120 });
    expect(sampled.silhouetteExact).toBe(false);
    expect(sampled.silhouettePoints).toBe(120);
    for (let i = 0; i < 2; i++) {
      // Same K-means and Ward labels; the silhouette is an estimate of the exact mean.
      expect(sampled.rows[i].kmeans.inertia).toBe(exact.rows[i].kmeans.inertia);
      expect(
        Math.abs(sampled.rows[i].hierarchical!.silhouette - exact.rows[i].hierarchical!.silhouette),
      ).toBeLessThan(0.02);
      expect(sampled.rows[i].hierarchical!.daviesBouldin).toBe(
        exact.rows[i].hierarchical!.daviesBouldin,
      );
    }
  });

  it('reports progress up to 1 by stage and stops with an AbortError when cancelled', () => {
    const f = loadFixture('duplicates');
    const seen: [number, string][] = [];
    kSweep(f.X, f.n, f.d, {
      ks: [2, 3],
      rng: createRng(1),
      onProgress: (p, s) => seen.push([p, s]),
    });
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
    expect(seen[seen.length - 1]).toEqual([1, 'done']);
    expect(new Set(seen.map((s) => s[1].split(',')[0]))).toEqual(
      new Set(['ward linkage', 'K-means', 'silhouettes', 'done']),
    );
    const controller = new AbortController();
    controller.abort();
    expect(() => kSweep(f.X, f.n, f.d, { rng: createRng(1), signal: controller.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });

  it('rejects ks outside 2..n−1 and a linkage for another n', () => {
    const f = loadFixture('duplicates');
    const rng = createRng(1);
    expect(() => kSweep(f.X, f.n, f.d, { ks: [1, 2], rng })).toThrow(
      'ks contains 1; expected integers in 2..n−1 = 2..42',
    );
    expect(() => kSweep(f.X, f.n, f.d, { ks: [], rng })).toThrow('ks is empty');
    const other = wardLinkage(f.X.subarray(0, 30), 10, 3);
    expect(() => kSweep(f.X, f.n, f.d, { rng, linkage: other })).toThrow('expected n − 1 = 42');
  });
});
