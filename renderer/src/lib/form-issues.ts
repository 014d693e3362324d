import type { z } from 'zod';

const FIELD_LABEL: Record<string, string> = {
  factors: 'K (factors)',
  alpha: 'α (step size)',
  lambda: 'λ (regularisation)',
  iterations: 'Iterations',
  seed: 'Seed',
  tolerance: 'Tolerance',
  initScale: 'Initial scale',
  k: 'k (clusters)',
  restarts: 'Restarts',
  minRatings: 'Minimum ratings',
  movieIdMin: 'Movie id from',
  movieIdMax: 'Movie id to',
  topMovies: 'Top-N movies',
  minRatingsPerUser: 'Min ratings per user',
  minRatingsPerMovie: 'Min ratings per movie',
};

/** A form validation issue as one sentence naming the field, e.g. "K (factors): …". */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'The form has an invalid value.';
  const key = String(issue.path[0] ?? '');
  const label = FIELD_LABEL[key] ?? key;
  const message =
    issue.code === 'invalid_type'
      ? 'enter a number'
      : issue.message.replace(/^Invalid input: /, '');
  return `${label}: ${message}.`;
}
