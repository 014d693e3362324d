/**
 * Everything one report export needs, gathered by the core after a fit, a clustering and
 * (optionally) an embedding. The report code only reads it.
 */
import type { ClusterResult, DatasetSummary, EmbedResult, FitResult } from '../contract';

export interface ReportFactors {
  k: number;
  userIds: Int32Array;
  movieIds: Int32Array;
  movieTitles: string[];
  /** nUsers × k, row-major, raw (unstandardised) user factors. */
  U: Float64Array;
  /** nMovies × k, row-major, raw movie factors. */
  V: Float64Array;
}

export interface ReportInput {
  dataset: DatasetSummary;
  fit: FitResult;
  /** Points are users first, then movies; labels, silhouettes and the embedding follow that order. */
  clustering: ClusterResult;
  /** x, y per point in `clustering.points` order; null when no map was computed. */
  embedding: EmbedResult | null;
  factors: ReportFactors;
  /** (nUsers + nMovies) × k, row-major: the rows of UVstd in `clustering.points` order. */
  uvStd: Float64Array;
  /** ISO time of the export. */
  generatedAt: string;
  /** Seconds per stage (`load`, `train`, `cluster`, `embed`, ...), when known. */
  timings?: Record<string, number>;
}

/**
 * Checks that the arrays of a report input agree in length, so that every table row has all
 * its columns. Throws an Error naming the first mismatch.
 */
export function checkReportInput(input: ReportInput): void {
  const { factors, clustering, embedding, uvStd } = input;
  const { k } = factors;
  const nUsers = factors.userIds.length;
  const nMovies = factors.movieIds.length;
  const n = nUsers + nMovies;
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) {
      throw new Error(`report input: ${what} has length ${actual}, expected ${expected}`);
    }
  };
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`report input: factors.k is ${k}, expected >= 1`);
  expect('factors.movieTitles', factors.movieTitles.length, nMovies);
  expect('factors.U', factors.U.length, nUsers * k);
  expect('factors.V', factors.V.length, nMovies * k);
  const { points } = clustering;
  expect('clustering.points.kind', points.kind.length, n);
  expect('clustering.points.id', points.id.length, n);
  expect('clustering.points.title', points.title.length, n);
  expect('uvStd', uvStd.length, n * k);
  for (const method of ['kmeans', 'ward'] as const) {
    expect(`clustering.methods.${method}.labels`, clustering.methods[method].labels.length, n);
  }
  const merges = Math.max(0, n - 1);
  const { linkage } = clustering;
  expect('clustering.linkage.left', linkage.left.length, merges);
  expect('clustering.linkage.right', linkage.right.length, merges);
  expect('clustering.linkage.height', linkage.height.length, merges);
  expect('clustering.linkage.size', linkage.size.length, merges);
  if (embedding) {
    expect('embedding.x', embedding.x.length, n);
    expect('embedding.y', embedding.y.length, n);
  }
}
