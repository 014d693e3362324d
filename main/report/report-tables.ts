/**
 * The CSV and JSON files of a report (SPEC §7), as strings. Numbers keep full precision:
 * `String(x)` in CSV and JSON's own number text, both of which read back as the same double.
 */
import type { ClusterProfile, MethodMetrics, MovieRef } from '../contract';
import { factorColumns, toCsv, type CsvValue } from './csv';
import type { ReportInput } from './report-input';

export function diagnosticsCsv(input: ReportInput): string {
  // SPEC §7: `validation_rmse` is a fifth column only when the fit held ratings out.
  const held = input.fit.validation !== null;
  const rows = input.fit.diagnostics.map((d) => {
    const row = [d.iteration, d.rmse, d.maxResidualChange, d.maxUpdate];
    return held ? [...row, d.validationRmse ?? NaN] : row;
  });
  const header = ['iteration', 'rmse', 'max_residual_change', 'max_update'];
  return toCsv(held ? [...header, 'validation_rmse'] : header, rows);
}

export function userFactorsCsv({ factors }: ReportInput): string {
  const { k, userIds, U } = factors;
  return toCsv(
    ['id', ...factorColumns(k)],
    matrixRows(U, k, (i) => [userIds[i]]),
  );
}

export function movieFactorsCsv({ factors }: ReportInput): string {
  const { k, movieIds, movieTitles, V } = factors;
  const rows = matrixRows(V, k, (i) => [movieIds[i], movieTitles[i]]);
  return toCsv(['id', 'title', ...factorColumns(k)], rows);
}

/** The rows of UVstd in clustering order, each with its kind and id. */
export function pointsCsv({ factors, clustering, uvStd }: ReportInput): string {
  const { kind, id } = clustering.points;
  return toCsv(
    ['kind', 'id', ...factorColumns(factors.k)],
    matrixRows(uvStd, factors.k, (i) => [kind[i], id[i]]),
  );
}

export function assignmentsCsv({ clustering, embedding }: ReportInput): string {
  const { kind, id, title } = clustering.points;
  const { kmeans, ward } = clustering.methods;
  const rows = kind.map((kd, i): CsvValue[] => [
    kd,
    id[i],
    kd === 'movie' ? title[i] : '',
    kmeans.labels[i],
    ward.labels[i],
    embedding ? embedding.x[i] : null,
    embedding ? embedding.y[i] : null,
  ]);
  return toCsv(['kind', 'id', 'title', 'kmeans', 'ward', 'umap_x', 'umap_y'], rows);
}

/** Ward merges in SciPy's convention: node n + i is created by row i. */
export function linkageCsv({ clustering }: ReportInput): string {
  const { left, right, height, size } = clustering.linkage;
  const rows = left.map((l, i) => [l, right[i], height[i], size[i]]);
  return toCsv(['left', 'right', 'height', 'size'], rows);
}

export function metricsJson({ clustering }: ReportInput) {
  const { kmeans, ward } = clustering.methods;
  return {
    kmeans: methodMetrics(kmeans.metrics),
    ward: {
      ...methodMetrics(ward.metrics),
      cophenetic_correlation: ward.metrics.copheneticCorrelation,
    },
    agreement: {
      adjusted_rand: clustering.agreement.adjustedRand,
      contingency: clustering.agreement.contingency,
    },
  };
}

export function clustersJson({ clustering }: ReportInput) {
  return {
    kmeans: clustering.methods.kmeans.clusters.map(clusterProfile),
    ward: clustering.methods.ward.clusters.map(clusterProfile),
  };
}

function methodMetrics(m: MethodMetrics) {
  return {
    silhouette: m.silhouette,
    davies_bouldin: m.daviesBouldin,
    calinski_harabasz: m.calinskiHarabasz,
    inertia: m.inertia,
    silhouette_sample: m.silhouetteSample,
  };
}

function clusterProfile(c: ClusterProfile) {
  return {
    cluster: c.cluster,
    users: c.users,
    movies: c.movies,
    representative: c.representative && movieRef(c.representative),
    candidates: c.candidates.map(movieRef),
    nearest_outside: c.nearestOutside && movieRef(c.nearestOutside),
    note: c.note,
    genre_mix: c.genreMix.map((g) => ({ genre: g.genre, share: g.share, overall: g.overall })),
    demographics: c.demographics && {
      mean_age: c.demographics.meanAge,
      female: c.demographics.female,
      top_occupations: c.demographics.topOccupations.map((o) => ({ name: o.name, share: o.share })),
    },
  };
}

function movieRef(m: MovieRef) {
  return {
    id: m.id,
    title: m.title,
    genres: m.genres,
    ratings: m.ratings,
    mean_rating: m.meanRating,
    distance: m.distance,
  };
}

/** Rows of a row-major `rows × k` matrix, each prefixed by `head(row)`. */
function* matrixRows(
  data: Float64Array,
  k: number,
  head: (row: number) => CsvValue[],
): Generator<CsvValue[]> {
  const n = data.length / k;
  for (let i = 0; i < n; i++) {
    const row = head(i);
    for (let j = 0; j < k; j++) row.push(data[i * k + j]);
    yield row;
  }
}
