/**
 * A small hand-made report input for the tests: 4 users and 6 movies, k = 2 factors,
 * 3 iterations, 2 clusters. Linkage, labels and contingency agree with each other:
 * Ward splits {u1, u2, m10, m12, m15} from {u3, u4, m11, m13, m14}; K-means moves m15 over.
 */
import type { ClusterProfile, MovieRef } from '../contract';
import type { ReportInput } from './report-input';

export const TRICKY_TITLE = 'Ghost, The "Movie" (1990)';

const movie = (id: number, title: string, genres: string[], distance: number): MovieRef => ({
  id,
  title,
  genres,
  ratings: 20 + id,
  meanRating: 3.5,
  distance,
});

const MOVIES = [
  movie(10, TRICKY_TITLE, ['Drama', 'Romance'], 0.4),
  movie(11, 'Tom & Jerry <Remastered>', ['Animation', 'Comedy'], 0.3),
  movie(12, "Schindler's List (1993)", ['Drama', 'War'], 0.6),
  movie(13, 'Toy Story (1995)', ['Animation', 'Comedy'], 0.2),
  movie(14, 'Heat (1995)', ['Action', 'Crime'], 0.9),
  movie(15, 'Casablanca (1942)', ['Drama', 'Romance'], 1.1),
];

const GENRES = ['Action', 'Animation', 'Comedy', 'Crime', 'Drama', 'Romance', 'War'];

function profile(
  cluster: number,
  users: number,
  members: MovieRef[],
  demographics: boolean,
): ClusterProfile {
  const ranked = [...members].sort((a, b) => a.distance - b.distance);
  const share = (list: MovieRef[], g: string) =>
    list.filter((m) => m.genres.includes(g)).length / list.length;
  return {
    cluster,
    users,
    movies: members.length,
    representative: ranked[0] ?? null,
    candidates: ranked,
    nearestOutside: ranked.length === 0 ? MOVIES[0] : null,
    note:
      ranked.length === 0
        ? 'This cluster holds no movie; the nearest movie outside it is shown.'
        : null,
    genreMix: GENRES.map((genre) => ({
      genre,
      share: members.length ? share(members, genre) : 0,
      overall: share(MOVIES, genre),
    })),
    demographics: demographics
      ? { meanAge: 31.5, female: 0.5, topOccupations: [{ name: 'student', share: 0.5 }] }
      : null,
    pinned: false,
  };
}

export function makeReportInput({ synthetic = true, embedding = true } = {}): ReportInput {
  const k = 2;
  const userIds = Int32Array.from([1, 2, 3, 4]);
  const movieIds = Int32Array.from(MOVIES.map((m) => m.id));
  const movieTitles = MOVIES.map((m) => m.title);
  const kind = [...Array(4).fill('user'), ...Array(6).fill('movie')] as ('user' | 'movie')[];
  const ids = [...userIds, ...movieIds];
  const kmeansLabels = [0, 0, 1, 1, 0, 1, 0, 1, 1, 1];
  const wardLabels = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
  const byIndex = (labels: number[], c: number) => MOVIES.filter((_, j) => labels[4 + j] === c);
  return {
    dataset: {
      datasetId: 'ds-1',
      name: 'tiny & "demo"',
      path: '/data/tiny',
      release: synthetic ? 'demo' : '100k',
      synthetic,
      ratings: 18,
      users: 4,
      movies: 6,
      moviesListed: 7,
      density: 0.75,
      ratingScale: { min: 1, max: 5, step: 1 },
      ratingHistogram: [1, 2, 3, 4, 5].map((value) => ({ value, count: value + 1 })),
      ratingsPerUser: [
        { x0: 0, x1: 5, count: 2 },
        { x0: 5, x1: 10, count: 2 },
      ],
      ratingsPerMovie: [
        { x0: 0, x1: 3, count: 3 },
        { x0: 3, x1: 6, count: 3 },
      ],
      genres: GENRES,
      hasDemographics: !synthetic,
      warnings: [
        {
          kind: 'duplicate_rating',
          file: 'u.data',
          count: 1,
          lines: [7],
          message: 'the latest timestamp wins',
        },
      ],
      fingerprint: 'abc123def4567890abc',
    },
    fit: {
      modelId: 'm-1',
      datasetId: 'ds-1',
      subset: null,
      params: {
        factors: k,
        alpha: 0.01,
        lambda: 0.5,
        iterations: 3,
        seed: 134,
        tolerance: 0,
        initScale: 1,
        solver: 'gd',
        threads: 1,
        validation: { kind: 'none' },
      },
      validation: null,
      status: 'max_iterations',
      iterations: 3,
      diagnostics: [
        {
          iteration: 1,
          rmse: 1.2345678901234567,
          maxResidualChange: 0.5,
          maxUpdate: 0.25,
          objective: 30,
        },
        { iteration: 2, rmse: 0.9, maxResidualChange: 0.1, maxUpdate: 0.05, objective: 20 },
        { iteration: 3, rmse: 0.8, maxResidualChange: 1e-7, maxUpdate: 0.01, objective: 18 },
      ],
      divergence: null,
      seconds: 0.01,
    },
    clustering: {
      clusteringId: 'c-1',
      modelId: 'm-1',
      params: { k: 2, restarts: 10, seed: 134, minRatings: 20, linkage: 'ward', cutHeight: null },
      points: { kind, id: ids, title: ids.map((_, i) => (i < 4 ? '' : movieTitles[i - 4])) },
      methods: {
        kmeans: {
          labels: kmeansLabels,
          metrics: {
            silhouette: 0.41,
            daviesBouldin: 0.9,
            calinskiHarabasz: 12.5,
            inertia: 8.25,
            copheneticCorrelation: null,
            silhouetteSample: null,
          },
          silhouetteSamples: [0.5, 0.4, 0.3, 0.6, 0.2, 0.5, 0.4, 0.3, 0.6, 0.3],
          clusters: [0, 1].map((c) =>
            profile(
              c,
              kmeansLabels.slice(0, 4).filter((l) => l === c).length,
              byIndex(kmeansLabels, c),
              !synthetic,
            ),
          ),
        },
        ward: {
          labels: wardLabels,
          metrics: {
            silhouette: 0.45,
            daviesBouldin: 0.8,
            calinskiHarabasz: 11,
            inertia: 8.5,
            copheneticCorrelation: 0.87,
            silhouetteSample: null,
          },
          silhouetteSamples: [0.5, 0.4, 0.3, 0.6, 0.2, 0.5, 0.4, 0.3, 0.6, 0.1],
          clusters: [
            profile(0, 2, byIndex(wardLabels, 0), !synthetic),
            // A cluster without movies, to show the "nearest outside" path.
            profile(1, 2, [], !synthetic),
          ],
        },
      },
      linkage: {
        left: [0, 4, 2, 5, 10, 13, 12, 14, 17],
        right: [1, 6, 3, 7, 11, 8, 15, 9, 16],
        height: [0.5, 0.7, 0.8, 0.9, 1.2, 1.4, 1.6, 2.0, 5.0],
        size: [2, 2, 2, 2, 4, 3, 5, 5, 10],
      },
      agreement: {
        adjustedRand: 0.5,
        contingency: [
          [4, 0],
          [1, 5],
        ],
      },
      seconds: 0.01,
    },
    embedding: embedding
      ? {
          clusteringId: 'c-1',
          params: { seed: 134, nNeighbors: 3, nEpochs: 50, minDist: 0.1 },
          x: [0, 0.5, 5, 5.5, 0.2, 4.8, 0.7, 5.2, 5.1, 2.5],
          y: [0, 0.4, 5, 4.6, 0.8, 5.3, -0.2, 4.9, 5.5, 2.2],
          consistency: { kmeans: 0.9, ward: 0.85 },
          seconds: 0.01,
        }
      : null,
    factors: {
      k,
      userIds,
      movieIds,
      movieTitles,
      U: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]),
      V: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1 / 3]),
    },
    uvStd: Float64Array.from({ length: 20 }, (_, i) => (i - 10) / 7),
    generatedAt: '2024-05-01T12:00:00.000Z',
    timings: { load: 0.5, train: 1.25, cluster: 0.1 },
  };
}
