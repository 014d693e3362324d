/**
 * Reads a split a release ships (100K's u1.base / u1.test … u5, ua, ub) from the release
 * folder and aligns the test file on the training file's users and movies.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { releaseFolder } from '../../workers/data/load-dataset';
import { RatingParser, type RatingColumns } from '../../workers/engine/data/rating-parser';
import type { RatingScale } from '../../workers/engine/data/ratings-matrix';
import { WarningCounter } from '../../workers/engine/data/warnings';
import { alignGivenSplit, type GivenSplit } from '../../workers/engine/fit/given-split';
import { UserError } from './errors';

export function readGivenSplit(
  datasetPath: string,
  train: string,
  test: string,
  scale: RatingScale,
): GivenSplit {
  if (!statSync(datasetPath).isDirectory()) {
    throw new UserError(
      `a given split is read from the release folder; ${datasetPath} is a file (unzip it first)`,
    );
  }
  const dir = releaseFolder(datasetPath);
  const warnings = new WarningCounter();
  const columns = (name: string): RatingColumns => {
    if (!/^[\w.-]+$/.test(name))
      throw new UserError(`split file "${name}" must be a plain file name in the release folder`);
    const file = join(dir, name);
    if (!existsSync(file))
      throw new UserError(`${name} is not in ${dir}; 100K ships u1.base/u1.test … u5, ua and ub`);
    const parser = new RatingParser(name, 'tab', warnings);
    parser.push(readFileSync(file));
    return parser.finish();
  };
  return alignGivenSplit(columns(train), columns(test), scale, { train, test }, warnings);
}
