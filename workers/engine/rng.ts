/**
 * Seeded pseudo-random generator (Mulberry32 seeded through SplitMix32), so that every
 * fit, restart and embedding is reproducible from one integer seed.
 *
 * Returns a function yielding uniform doubles in [0, 1).
 */
export type Rng = () => number;

export function createRng(seed: number): Rng {
  // SplitMix32 scramble: neighbouring seeds give unrelated streams.
  let s = (seed | 0) ^ 0x9e3779b9;
  s = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35);
  let a = (s ^ (s >>> 16)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent child seed (for restarts, workers) from a parent seed and an index. */
export function childSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(index + 1, 0x165667b1)) | 0;
}
