/**
 * Converts the cluster worker's typed arrays into the contract's ClusterResult: attaches ids,
 * titles, genres and rating counts to the representative movies and profiles.
 */
import type {
  ClusterParams,
  ClusterProfile,
  ClusterResult,
  MethodResult,
  MovieRef,
} from '../contract';
import type { MethodOutput } from '../../workers/engine/analyse-clusters';
import type { ClusterJobOutput } from '../../workers/cluster.worker';
import type { Model } from './core';

/** A movie row of a model as the contract shows it, with its distance to a cluster centre. */
export function movieRefOf(model: Model, row: number, distance: number): MovieRef {
  const { matrix: m, titles, genreNames, movieGenres } = model.rows;
  let sum = 0;
  for (let e = m.moviePtr[row]; e < m.moviePtr[row + 1]; e++) sum += m.movieVal[e];
  const count = m.moviePtr[row + 1] - m.moviePtr[row];
  const genres = genreNames.filter((_, g) => movieGenres[row * genreNames.length + g] === 1);
  return {
    id: m.movieIds[row],
    title: titles[row] || `movie ${m.movieIds[row]}`,
    genres,
    ratings: count,
    meanRating: count > 0 ? sum / count : 0,
    distance,
  };
}

export function toClusterResult(
  clusteringId: string,
  model: Model,
  params: ClusterParams,
  out: ClusterJobOutput,
  seconds: number,
): ClusterResult {
  const data = model.rows;
  const m = data.matrix;
  const nUsers = m.nUsers;
  const kind: ('user' | 'movie')[] = [];
  const id: number[] = [];
  const title: string[] = [];
  for (let i = 0; i < nUsers; i++) {
    kind.push('user');
    id.push(m.userIds[i]);
    title.push('');
  }
  for (let j = 0; j < m.nMovies; j++) {
    kind.push('movie');
    id.push(m.movieIds[j]);
    title.push(data.titles[j]);
  }
  const movieRef = (row: number, distance: number): MovieRef => {
    let sum = 0;
    for (let e = m.moviePtr[row]; e < m.moviePtr[row + 1]; e++) sum += m.movieVal[e];
    const count = m.moviePtr[row + 1] - m.moviePtr[row];
    const genres = data.genreNames.filter(
      (_, g) => data.movieGenres[row * data.genreNames.length + g] === 1,
    );
    return {
      id: m.movieIds[row],
      title: data.titles[row] || `movie ${m.movieIds[row]}`,
      genres,
      ratings: count,
      meanRating: count > 0 ? sum / count : 0,
      distance,
    };
  };
  const method = (o: MethodOutput, cophenetic: boolean): MethodResult => ({
    labels: Array.from(o.labels),
    metrics: {
      silhouette: o.silhouette,
      daviesBouldin: o.daviesBouldin,
      calinskiHarabasz: o.calinskiHarabasz,
      inertia: o.inertia,
      copheneticCorrelation: cophenetic ? o.copheneticCorrelation : null,
      silhouetteSample: o.silhouetteSample,
    },
    silhouetteSamples: Array.from(o.silhouetteSamples, (v) => (Number.isNaN(v) ? null : v)),
    clusters: o.profiles.map((p, c): ClusterProfile => {
      const candidates = p.candidates.map((cand) => movieRef(cand.movieRow, cand.distance));
      return {
        cluster: p.cluster,
        users: p.users,
        movies: p.movies,
        representative: candidates[0] ?? null,
        candidates,
        nearestOutside: p.nearestOutside
          ? movieRef(p.nearestOutside.movieRow, p.nearestOutside.distance)
          : null,
        note: p.note,
        genreMix: data.genreNames.map((genre, g) => ({
          genre,
          share: o.genreShares[c][g],
          overall: out.overallGenreShares[g],
        })),
        demographics: o.demographics ? o.demographics[c] : null,
        pinned: false,
      };
    }),
  });
  const rows: number[][] = [];
  for (let i = 0; i < out.contingency.rows; i++) {
    rows.push(
      Array.from(
        out.contingency.counts.subarray(i * out.contingency.cols, (i + 1) * out.contingency.cols),
      ),
    );
  }
  return {
    clusteringId,
    modelId: model.result.modelId,
    params,
    points: { kind, id, title },
    methods: { kmeans: method(out.kmeans, false), ward: method(out.ward, true) },
    linkage: {
      left: Array.from(out.linkage.left),
      right: Array.from(out.linkage.right),
      height: Array.from(out.linkage.height),
      size: Array.from(out.linkage.size),
    },
    agreement: { adjustedRand: out.adjustedRand, contingency: rows },
    seconds,
  };
}
