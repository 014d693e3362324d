import { describe, expect, it } from 'vitest';
import { copheneticCorrelation } from './cophenetic';
import { expectClose, fixtureNames, loadFixture, maxRelativeError } from './fixtures.test-helper';
import { averageLinkage, completeLinkage, linkage, type LinkageMethod } from './linkage';
import { wardLinkage } from './ward';

const line = (...xs: number[]) => Float64Array.from(xs);

describe('averageLinkage(X, n, d) and completeLinkage(X, n, d)', () => {
  // Points 0, 1, 3, 7; pair distances 1 3 7 2 6 4. Both merge {0,1} at 1 first (id 4).
  it('merges 4 points on a line at the hand-computed average heights', () => {
    // {0,1}–3: (3 + 2)/2 = 2.5 → id 5; {0,1,3}–7: (2·6.5 + 1·4)/3 = 17/3.
    const Z = averageLinkage(line(0, 1, 3, 7), 4, 1);
    expect(Array.from(Z.left)).toEqual([0, 2, 3]);
    expect(Array.from(Z.right)).toEqual([1, 4, 5]);
    expect(Array.from(Z.size)).toEqual([2, 3, 4]);
    expect(Array.from(Z.height)).toEqual([1, 2.5, 17 / 3]);
  });

  it('merges 4 points on a line at the hand-computed complete heights', () => {
    // {0,1}–3: max(3, 2) = 3 → id 5; {0,1,3}–7: max(7, 6, 4) = 7.
    const Z = completeLinkage(line(0, 1, 3, 7), 4, 1);
    expect(Array.from(Z.left)).toEqual([0, 2, 3]);
    expect(Array.from(Z.right)).toEqual([1, 4, 5]);
    expect(Array.from(Z.height)).toEqual([1, 3, 7]);
  });

  for (const name of fixtureNames) {
    for (const method of ['average', 'complete'] as const) {
      it(`equals SciPy linkage(X, '${method}') and its cophenetic correlation on ${name}`, () => {
        const f = loadFixture(name);
        const ref = f.linkages[method];
        const Z = linkage(f.X, f.n, f.d, method);
        // Same distances, scan order and update as SciPy's nn_chain: equal heights and
        // rows, also at the exact ties of the duplicates fixture.
        expect(maxRelativeError(Z.height, ref.height)).toBeLessThan(1e-9);
        expect(Array.from(Z.left)).toEqual(ref.left);
        expect(Array.from(Z.right)).toEqual(ref.right);
        expect(Array.from(Z.size)).toEqual(ref.size);
        expectClose(copheneticCorrelation(Z, f.X, f.n, f.d), ref.cophenetic, 1e-9);
      });
    }
  }

  it('orders heights and links every point once (random-500x20, average)', () => {
    const f = loadFixture('random-500x20');
    const Z = averageLinkage(f.X, f.n, f.d);
    const seen = new Uint8Array(2 * f.n - 1);
    for (let i = 0; i < f.n - 1; i++) {
      if (i > 0) expect(Z.height[i]).toBeGreaterThanOrEqual(Z.height[i - 1]);
      expect(seen[Z.left[i]] + seen[Z.right[i]]).toBe(0);
      seen[Z.left[i]] = 1;
      seen[Z.right[i]] = 1;
    }
    expect(Z.size[f.n - 2]).toBe(f.n);
  });

  it('refuses more points than the limit, naming it and the memory needed', () => {
    const X = new Float64Array(200_000);
    expect(() => averageLinkage(X, 200_000, 1)).toThrow(
      'average linkage on 200,000 points would need 160 GB for its distance matrix ' +
        '(n(n − 1)/2 float64 values); the limit is 20,000 points (1.6 GB): use a subset or Ward',
    );
    expect(() => completeLinkage(line(0, 1, 3, 7), 4, 1, { maxPoints: 3 })).toThrow(
      'complete linkage on 4 points would need 48 bytes for its distance matrix ' +
        '(n(n − 1)/2 float64 values); the limit is 3 points (24 bytes)',
    );
  });

  it('reports progress up to 1 and stops with an AbortError when cancelled', () => {
    const f = loadFixture('blobs');
    const seen: number[] = [];
    averageLinkage(f.X, f.n, f.d, { onProgress: (p) => seen.push(p) });
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const controller = new AbortController();
    controller.abort();
    expect(() => completeLinkage(f.X, f.n, f.d, { signal: controller.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});

describe('linkage(X, n, d, method)', () => {
  it("dispatches 'ward' to the matrix-free Ward linkage", () => {
    const f = loadFixture('outlier');
    const a = linkage(f.X, f.n, f.d, 'ward');
    const b = wardLinkage(f.X, f.n, f.d);
    expect(Array.from(a.height)).toEqual(Array.from(b.height));
    expect(Array.from(a.left)).toEqual(Array.from(b.left));
  });

  it('rejects an unknown method, listing the known ones', () => {
    expect(() => linkage(line(0, 1), 2, 1, 'single' as LinkageMethod)).toThrow(
      "linkage method 'single'; expected one of ward, average, complete",
    );
  });
});
