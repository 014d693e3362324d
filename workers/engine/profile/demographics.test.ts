import { describe, expect, it } from 'vitest';
import { userDemographics } from './demographics';

describe('userDemographics(labels, nUsers, k, ages, genders, occupations, names, topN)', () => {
  const names = ['artist', 'doctor', 'engineer', 'student'];

  it('averages each field over the users who have it', () => {
    // Five users then one movie (ignored). Cluster 0 = users 0, 2, 4; cluster 1 = users 1, 3.
    const labels = new Int32Array([0, 1, 0, 1, 0, 1]);
    const ages = new Float64Array([20, NaN, 30, NaN, NaN]);
    const genders = new Uint8Array([2, 0, 1, 0, 2]);
    const occupations = new Int32Array([3, -1, 2, -1, 3]);
    const [c0, c1, c2] = userDemographics(labels, 5, 3, ages, genders, occupations, names);
    expect(c0).toEqual({
      cluster: 0,
      users: 3,
      meanAge: 25,
      female: 2 / 3,
      topOccupations: [
        { name: 'student', share: 2 / 3 },
        { name: 'engineer', share: 1 / 3 },
      ],
    });
    expect(c1).toEqual({ cluster: 1, users: 2, meanAge: null, female: null, topOccupations: [] });
    expect(c2).toEqual({ cluster: 2, users: 0, meanAge: null, female: null, topOccupations: [] });
  });

  it('keeps the topN most common occupations, ties to the lower code', () => {
    const n = 7;
    const occupations = new Int32Array([1, 0, 2, 1, 3, 2, 0]);
    const [c] = userDemographics(
      new Int32Array(n),
      n,
      1,
      new Float64Array(n).fill(NaN),
      new Uint8Array(n),
      occupations,
      names,
      2,
    );
    expect(c.topOccupations).toEqual([
      { name: 'artist', share: 2 / 7 },
      { name: 'doctor', share: 2 / 7 },
    ]);
  });
});
