export interface MovieDistance {
  /** Movie row 0…nMovies − 1 (row nUsers + movieRow of X). */
  movieRow: number;
  /** Euclidean distance to the cluster centre in X's space. */
  distance: number;
}

export interface ClusterRepresentatives {
  cluster: number;
  /** Member counts by kind. */
  users: number;
  movies: number;
  /** Up to topN of the cluster's movies, nearest the centre first (ties: lower movieRow). */
  candidates: MovieDistance[];
  /** candidates[0], or null when the cluster has no movies. */
  representative: MovieDistance | null;
  /** For a cluster without movies: the movie nearest its centre; otherwise null. */
  nearestOutside: MovieDistance | null;
  /** Why the lists above depart from the usual rule, for showing as is; otherwise null. */
  note: string | null;
}

/**
 * The movies that best stand for each cluster: its movies ranked by distance to the cluster
 * centre, among those with at least minRatings ratings.
 *
 * X: nPoints × d, row-major, nPoints = nUsers + nMovies, users first (UVstd). labels: length
 * nPoints, values 0…k − 1. ratingCounts: length nMovies, ratings of movie row j.
 *
 * The centre is the mean of all member rows, users included, since the cluster is both. When
 * none of a cluster's movies reaches minRatings the ranking falls back to all its movies (a
 * small release still gets a representative) and the note says so. A cluster with no movies
 * names the movie nearest its centre outside it, preferring movies that reach minRatings. A
 * cluster with no members at all gets empty lists and a note.
 */
export function representativeMovies(
  X: Float64Array,
  nUsers: number,
  nMovies: number,
  d: number,
  labels: Int32Array,
  k: number,
  ratingCounts: Int32Array,
  minRatings: number,
  topN = 5,
): ClusterRepresentatives[] {
  const nPoints = nUsers + nMovies;
  if (X.length !== nPoints * d) {
    throw new Error(
      `representativeMovies: X has length ${X.length}, expected (nUsers + nMovies) × d = ${nPoints} × ${d}`,
    );
  }
  if (labels.length !== nPoints) {
    throw new Error(
      `representativeMovies: labels has length ${labels.length}, expected ${nPoints}`,
    );
  }
  if (ratingCounts.length !== nMovies) {
    throw new Error(
      `representativeMovies: ratingCounts has length ${ratingCounts.length}, expected nMovies = ${nMovies}`,
    );
  }

  const centres = new Float64Array(k * d);
  const users = new Int32Array(k);
  const movies = new Int32Array(k);
  for (let p = 0; p < nPoints; p++) {
    const c = labels[p];
    if (!(c >= 0 && c < k)) {
      throw new Error(`representativeMovies: labels[${p}] = ${c} is outside 0…${k - 1}`);
    }
    if (p < nUsers) users[c]++;
    else movies[c]++;
    for (let q = 0; q < d; q++) centres[c * d + q] += X[p * d + q];
  }

  const distanceTo = (c: number, movieRow: number): number => {
    const o = (nUsers + movieRow) * d;
    let s = 0;
    for (let q = 0; q < d; q++) {
      const a = X[o + q] - centres[c * d + q];
      s += a * a;
    }
    return Math.sqrt(s);
  };
  const byDistance = (a: MovieDistance, b: MovieDistance): number =>
    a.distance - b.distance || a.movieRow - b.movieRow;

  const result: ClusterRepresentatives[] = [];
  for (let c = 0; c < k; c++) {
    const size = users[c] + movies[c];
    const entry: ClusterRepresentatives = {
      cluster: c,
      users: users[c],
      movies: movies[c],
      candidates: [],
      representative: null,
      nearestOutside: null,
      note: null,
    };
    result.push(entry);
    if (size === 0) {
      entry.note = 'cluster is empty';
      continue;
    }
    for (let q = 0; q < d; q++) centres[c * d + q] /= size;

    if (movies[c] > 0) {
      const inside = (j: number): boolean => labels[nUsers + j] === c;
      let pool = collect(nMovies, (j) => inside(j) && ratingCounts[j] >= minRatings);
      if (pool.length === 0) {
        pool = collect(nMovies, inside);
        entry.note =
          `no movie in this cluster has ${minRatings} or more ratings; ` +
          `candidates are ranked among all its ${movies[c]} movies`;
      }
      entry.candidates = rank(pool, c, distanceTo, byDistance, topN);
      entry.representative = entry.candidates[0] ?? null;
    } else {
      const outside = (j: number): boolean => labels[nUsers + j] !== c;
      let pool = collect(nMovies, (j) => outside(j) && ratingCounts[j] >= minRatings);
      entry.note = 'cluster has no movies; nearest movie outside it is shown';
      if (pool.length === 0) {
        pool = collect(nMovies, outside);
        if (pool.length > 0) entry.note += ` (no movie has ${minRatings} or more ratings)`;
      }
      entry.nearestOutside = rank(pool, c, distanceTo, byDistance, 1)[0] ?? null;
      if (entry.nearestOutside === null) entry.note = 'cluster has no movies and there are none';
    }
  }
  return result;
}

function collect(nMovies: number, keep: (movieRow: number) => boolean): number[] {
  const rows: number[] = [];
  for (let j = 0; j < nMovies; j++) if (keep(j)) rows.push(j);
  return rows;
}

function rank(
  pool: number[],
  c: number,
  distanceTo: (c: number, movieRow: number) => number,
  byDistance: (a: MovieDistance, b: MovieDistance) => number,
  topN: number,
): MovieDistance[] {
  return pool
    .map((movieRow) => ({ movieRow, distance: distanceTo(c, movieRow) }))
    .sort(byDistance)
    .slice(0, topN);
}
