/**
 * The n movies nearest to one movie in factor space (SPEC §3), by cosine distance 1 − cos θ
 * (direction only: taste profile regardless of how strongly a movie carries it) or Euclidean
 * distance. The movie itself is left out; ties go to the lower movie row. A zero factor row
 * has no direction: its cosine distance to anything is taken as 1 (orthogonal).
 */
import { selectTop } from './select-top';

export type MovieDistance = 'cosine' | 'euclidean';

/** V: M × K row-major. Returns rows and distances, nearest first. */
export function nearestMovies(
  V: Float64Array,
  K: number,
  movieRow: number,
  n: number,
  metric: MovieDistance = 'cosine',
): { movies: Int32Array; distances: Float64Array } {
  const M = V.length / K;
  if (!Number.isInteger(movieRow) || movieRow < 0 || movieRow >= M) {
    throw new Error(`movie row ${movieRow} is outside V (${M} movies)`);
  }
  if (metric !== 'cosine' && metric !== 'euclidean') {
    throw new Error(`metric is ${String(metric)}; expected 'cosine' or 'euclidean'`);
  }
  const q = movieRow * K;
  let qq = 0;
  for (let k = 0; k < K; k++) qq += V[q + k] * V[q + k];
  const distance = (m: number): number => {
    const b = m * K;
    if (metric === 'euclidean') {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const d = V[b + k] - V[q + k];
        s += d * d;
      }
      return Math.sqrt(s);
    }
    let dot = 0;
    let mm = 0;
    for (let k = 0; k < K; k++) {
      dot += V[b + k] * V[q + k];
      mm += V[b + k] * V[b + k];
    }
    return qq === 0 || mm === 0 ? 1 : 1 - dot / Math.sqrt(qq * mm);
  };
  const { index, score } = selectTop(
    M,
    n,
    (m) => -distance(m),
    (m) => m === movieRow,
  );
  return { movies: index, distances: Float64Array.from(score, (s) => (s === 0 ? 0 : -s)) };
}
