import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RatingParser, type RatingColumns } from '../data/rating-parser';
import { WarningCounter } from '../data/warnings';
import { alignGivenSplit } from './given-split';

const scale = { min: 1, max: 5, step: 1 };

function columns(rows: [number, number, number, number][]): RatingColumns {
  return {
    count: rows.length,
    user: Int32Array.from(rows, (r) => r[0]),
    movie: Int32Array.from(rows, (r) => r[1]),
    rating: Float32Array.from(rows, (r) => r[2]),
    timestamp: Float64Array.from(rows, (r) => r[3]),
    firstLine: 1,
    skippedLines: [],
  };
}

describe('alignGivenSplit', () => {
  it('maps test ratings onto the training indices and counts what it drops', () => {
    // Training users 10, 20 and movies 5, 7, 9; test adds user 30 and movie 8.
    const train = columns([
      [10, 5, 4, 1],
      [10, 7, 3, 1],
      [20, 9, 5, 1],
      [20, 5, 2, 1],
    ]);
    const test = columns([
      [20, 7, 1, 1], // kept: user row 1, movie row 1
      [30, 5, 4, 1], // unknown user
      [30, 8, 4, 1], // unknown user (counted once, by user)
      [10, 8, 2, 1], // unknown movie
      [10, 9, 9, 1], // out of scale
      [10, 9, 2, 5], // duplicate pair, later timestamp: kept
      [10, 9, 4, 3], // duplicate pair, earlier: dropped
    ]);
    const s = alignGivenSplit(train, test, scale);
    expect(s.dropped).toEqual({ unknownUser: 2, unknownMovie: 1, outOfScale: 1, duplicate: 1 });
    expect(s.testKept).toBe(2);
    expect(s.test.userIds).toBe(s.train.userIds);
    expect([s.test.nUsers, s.test.nMovies]).toEqual([2, 3]);
    expect(Array.from(s.test.userPtr)).toEqual([0, 1, 2]);
    expect(Array.from(s.test.userCol.subarray(0, 2))).toEqual([2, 1]); // (10, 9) and (20, 7)
    expect(Array.from(s.test.userVal.subarray(0, 2))).toEqual([2, 1]);
    expect(Array.from(s.test.moviePtr)).toEqual([0, 0, 1, 2]);
  });

  const dir = '../shared/datasets/ml-100k';
  it.skipIf(!existsSync(`${dir}/u1.base`))(
    'aligns 100K u1.test onto u1.base (skipped without ../shared/datasets)',
    () => {
      const read = (file: string) => {
        const p = new RatingParser(file, 'tab', new WarningCounter());
        p.push(readFileSync(`${dir}/${file}`));
        return p.finish();
      };
      const s = alignGivenSplit(read('u1.base'), read('u1.test'), scale);
      expect(s.train.nRatings).toBe(80_000);
      expect(s.testKept + s.dropped.unknownUser + s.dropped.unknownMovie).toBe(20_000);
      expect(s.dropped.unknownUser).toBe(0); // every 100K user has ratings in u1.base
      expect(s.dropped.outOfScale + s.dropped.duplicate).toBe(0);
    },
  );
});
