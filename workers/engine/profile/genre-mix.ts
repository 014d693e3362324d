export interface GenreMix {
  /**
   * k arrays of length nGenres: the share of cluster c's movies flagged with each genre. All
   * zeros for a cluster without movies (see `movies`). A movie may have several genres, so a
   * cluster's shares need not sum to 1.
   */
  shares: Float64Array[];
  /** Length nGenres: the same shares over all movies, the baseline to compare against. */
  overall: Float64Array;
  /** Length k: movies per cluster. */
  movies: Int32Array;
}

/**
 * Genre mix of each cluster's movies against that of all movies.
 *
 * labels: length nUsers + nMovies, users first, values 0…k − 1 (user rows are skipped).
 * movieGenres: nMovies × nGenres, row-major, nonzero where movie row j has genre g.
 */
export function genreMix(
  labels: Int32Array,
  nUsers: number,
  nMovies: number,
  k: number,
  movieGenres: Uint8Array,
  nGenres: number,
): GenreMix {
  if (labels.length !== nUsers + nMovies) {
    throw new Error(
      `genreMix: labels has length ${labels.length}, expected nUsers + nMovies = ${nUsers + nMovies}`,
    );
  }
  if (movieGenres.length !== nMovies * nGenres) {
    throw new Error(
      `genreMix: movieGenres has length ${movieGenres.length}, ` +
        `expected nMovies × nGenres = ${nMovies} × ${nGenres}`,
    );
  }
  const shares: Float64Array[] = [];
  for (let c = 0; c < k; c++) shares.push(new Float64Array(nGenres));
  const overall = new Float64Array(nGenres);
  const movies = new Int32Array(k);
  for (let j = 0; j < nMovies; j++) {
    const c = labels[nUsers + j];
    if (!(c >= 0 && c < k)) {
      throw new Error(`genreMix: labels[${nUsers + j}] = ${c} is outside 0…${k - 1}`);
    }
    movies[c]++;
    for (let g = 0; g < nGenres; g++) {
      if (movieGenres[j * nGenres + g] !== 0) {
        shares[c][g]++;
        overall[g]++;
      }
    }
  }
  for (let c = 0; c < k; c++) {
    if (movies[c] > 0) for (let g = 0; g < nGenres; g++) shares[c][g] /= movies[c];
  }
  if (nMovies > 0) for (let g = 0; g < nGenres; g++) overall[g] /= nMovies;
  return { shares, overall, movies };
}
