import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SMALL = join(process.cwd(), '..', 'shared', 'datasets', 'ml-latest-small');
const inspect = (args: string[]) =>
  spawnSync(process.execPath, ['dist/node/inspect.js', ...args], { encoding: 'utf8' });

describe('inspect (CLI)', () => {
  it.skipIf(!existsSync(SMALL))(
    'reports latest-small: 100,836 ratings, 610 users, 9,724 rated and 9,742 listed movies, scale 0.5–5',
    () => {
      const r = inspect([SMALL]);
      expect(r.status).toBe(0);
      const s = JSON.parse(r.stdout);
      expect(s).toMatchObject({
        release: 'latest-small',
        ratings: 100_836,
        users: 610,
        movies: 9724,
        movies_listed: 9742,
        rating_scale: [0.5, 5],
      });
      expect(s.warnings).toEqual([]);
    },
  );

  it('lists warnings with kind, count, first lines and message', () => {
    const r = inspect(['fixtures/data/tiny-100k']);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    const dup = s.warnings.find((w: { kind: string }) => w.kind === 'duplicate_rating');
    expect(dup).toEqual({
      kind: 'duplicate_rating',
      file: 'u.data',
      count: 1,
      lines: [5],
      message: expect.stringMatching(/latest timestamp wins/),
    });
  });

  it('describes the synthetic demo when no folder is given', () => {
    const s = JSON.parse(inspect([]).stdout);
    expect(s).toMatchObject({ release: 'demo', synthetic: true });
  });

  it('fails with one line on junk', () => {
    const r = inspect(['fixtures/data/junk']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^factorlens: u\.data, line \d+: expected/);
  });
});
