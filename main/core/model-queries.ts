/**
 * Questions asked of a fitted model (SPEC §3): recommendations for a user, movies near a
 * movie, title search, fitted-vs-observed distributions and the user factors for heatmaps.
 * Each is a few vector operations over the factors, cheap enough for the main thread.
 */
import type {
  FitVsObserved,
  MovieBrief,
  Recommendations,
  SimilarMovies,
  UserFactors,
} from '../contract';
import { nearestMovies } from '../../workers/engine/recommend/nearest-movies';
import { topNUnrated } from '../../workers/engine/recommend/top-n-unrated';
import { topRated } from '../../workers/engine/recommend/top-rated';
import type { Model } from './core';
import { UserError } from './errors';

function movieBrief(model: Model, row: number): MovieBrief {
  const { matrix, titles, genreNames, movieGenres } = model.rows;
  const g = genreNames.length;
  return {
    id: matrix.movieIds[row],
    title: titles[row] || `movie ${matrix.movieIds[row]}`,
    genres: genreNames.filter((_, k) => movieGenres[row * g + k] === 1),
  };
}

function rowOf(ids: Int32Array, id: number, what: string, model: Model): number {
  // Ids are ascending (RatingsMatrix invariant): binary search.
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === id) return mid;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new UserError(
    `${what} ${id} is not in model ${model.result.modelId} (its ids run ${ids[0]}…${ids[ids.length - 1]})`,
  );
}

export function recommend(model: Model, userId: number, n: number): Recommendations {
  const m = model.rows.matrix;
  const K = model.result.params.factors;
  const i = rowOf(m.userIds, userId, 'user', model);
  const rated = m.userCol.subarray(m.userPtr[i], m.userPtr[i + 1]);
  const own = topRated(rated, m.userVal.subarray(m.userPtr[i], m.userPtr[i + 1]), n);
  const recs = topNUnrated(model.U, model.V, K, i, rated, n);
  return {
    userId,
    topRated: Array.from(own.movies, (row, k) => ({
      ...movieBrief(model, row),
      rating: own.ratings[k],
    })),
    recommended: Array.from(recs.movies, (row, k) => ({
      ...movieBrief(model, row),
      predicted: recs.predicted[k],
    })),
  };
}

export function similarMovies(
  model: Model,
  movieId: number,
  n: number,
  metric: 'cosine' | 'euclidean',
): SimilarMovies {
  const m = model.rows.matrix;
  const row = rowOf(m.movieIds, movieId, 'movie', model);
  const near = nearestMovies(model.V, model.result.params.factors, row, n, metric);
  return {
    movie: movieBrief(model, row),
    metric,
    // Cosine is shown as a similarity (1 − distance); Euclidean as the distance itself.
    similar: Array.from(near.movies, (r, k) => ({
      ...movieBrief(model, r),
      score: metric === 'cosine' ? 1 - near.distances[k] : near.distances[k],
    })),
  };
}

export function searchMovies(
  model: Model,
  query: string,
  limit: number,
): (MovieBrief & { ratings: number })[] {
  const m = model.rows.matrix;
  const q = query.trim().toLowerCase();
  const hits: number[] = [];
  for (let j = 0; j < m.nMovies; j++) {
    if (q === '' || model.rows.titles[j].toLowerCase().includes(q) || String(m.movieIds[j]) === q)
      hits.push(j);
  }
  const count = (j: number) => m.moviePtr[j + 1] - m.moviePtr[j];
  hits.sort((a, b) => count(b) - count(a) || a - b);
  return hits.slice(0, limit).map((j) => ({ ...movieBrief(model, j), ratings: count(j) }));
}

/** Counts of fitted values v_m·u_i per observed rating value, on shared bins. */
export function fitVsObserved(model: Model, bins: number): FitVsObserved {
  const m = model.rows.matrix;
  const K = model.result.params.factors;
  const fitted = new Float64Array(m.nRatings);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m.nUsers; i++) {
    for (let e = m.userPtr[i]; e < m.userPtr[i + 1]; e++) {
      const vm = m.userCol[e] * K;
      let dot = 0;
      for (let k = 0; k < K; k++) dot += model.V[vm + k] * model.U[i * K + k];
      fitted[e] = dot;
      if (Number.isFinite(dot)) {
        if (dot < lo) lo = dot;
        if (dot > hi) hi = dot;
      }
    }
  }
  if (!(hi > lo)) {
    lo = Number.isFinite(lo) ? lo - 0.5 : 0;
    hi = lo + 1;
  }
  const width = (hi - lo) / bins;
  const byRating = new Map<number, { count: number; bins: number[] }>();
  for (let e = 0; e < m.nRatings; e++) {
    if (!Number.isFinite(fitted[e])) continue;
    const r = m.userVal[e];
    let s = byRating.get(r);
    if (!s) byRating.set(r, (s = { count: 0, bins: new Array<number>(bins).fill(0) }));
    s.count++;
    s.bins[Math.min(bins - 1, Math.floor((fitted[e] - lo) / width))]++;
  }
  return {
    modelId: model.result.modelId,
    min: lo,
    max: hi,
    binWidth: width,
    series: [...byRating.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([rating, s]) => ({ rating, ...s })),
  };
}

export function userFactors(model: Model, rows: number): UserFactors {
  const K = model.result.params.factors;
  const n = Math.min(rows, model.rows.matrix.nUsers);
  return {
    modelId: model.result.modelId,
    factors: K,
    userIds: Array.from(model.rows.matrix.userIds.subarray(0, n)),
    values: Array.from(model.U.subarray(0, n * K)),
  };
}
