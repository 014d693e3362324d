import type { DatasetWarning } from '../../../main/contract';

/** A fatal problem in an input file: names the file, the 1-based line and what was expected. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly expected: string,
  ) {
    super(line === null ? `${file}: ${expected}` : `${file}, line ${line}: ${expected}`);
    this.name = 'DataError';
  }
}

/** The policy stated to the user for each recoverable problem. */
const POLICIES: Record<string, string> = {
  blank_line: 'blank lines are skipped',
  duplicate_rating: 'a (user, movie) pair rated more than once: the latest timestamp wins',
  rating_out_of_scale: 'ratings outside the release scale are dropped',
  unknown_movie: 'ratings of a movie missing from the movie file are kept, with the movie untitled',
  bad_movie_line: 'malformed lines in the movie file are skipped',
  bad_user_line: 'malformed lines in the user file are skipped',
  duplicate_movie: 'a movie id listed twice: the first entry is kept',
  text_encoding: 'text that was not valid in the expected encoding was decoded as Latin-1',
};

const FIRST_LINES = 5;

/** Counts recoverable problems per (kind, file), keeping the first few line numbers. */
export class WarningCounter {
  private readonly byKey = new Map<string, DatasetWarning>();

  /** `line` may be a function so that callers only compute line numbers that are kept. */
  add(kind: string, file: string, line: number | (() => number), count = 1): void {
    const key = `${kind}\u0000${file}`;
    let w = this.byKey.get(key);
    if (!w) {
      w = { kind, file, count: 0, lines: [], message: POLICIES[kind] ?? kind };
      this.byKey.set(key, w);
    }
    w.count += count;
    // Keep the first lines in file order: problems found after sorting (duplicates) arrive
    // out of order, so keep the smallest few rather than the first few reported.
    const worst = w.lines.length < FIRST_LINES ? Infinity : w.lines[FIRST_LINES - 1];
    const at = typeof line === 'function' ? line() : line;
    if (at > 0 && at < worst) {
      w.lines.push(at);
      w.lines.sort((a, b) => a - b);
      if (w.lines.length > FIRST_LINES) w.lines.length = FIRST_LINES;
    }
  }

  private readonly details = new Map<string, string>();

  /** Adds what line numbers cannot say (e.g. which ids), shown after the policy. */
  detail(kind: string, file: string, text: string): void {
    this.details.set(`${kind}\u0000${file}`, text);
  }

  list(): DatasetWarning[] {
    return [...this.byKey.entries()].map(([key, w]) => {
      const detail = this.details.get(key);
      return {
        ...w,
        message: `${w.count.toLocaleString('en-US')} × ${w.kind.replace(/_/g, ' ')} in ${w.file}: ${w.message}${detail ? ` (${detail})` : ''}`,
      };
    });
  }
}
