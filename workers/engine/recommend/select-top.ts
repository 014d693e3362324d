/**
 * The n best of `count` candidates by score (highest first; ties by lower index), skipping
 * excluded candidates and NaN scores, in O(count · log n) with a binary min-heap of the n best
 * so far (its root is the worst of them).
 */
export function selectTop(
  count: number,
  n: number,
  score: (j: number) => number,
  excluded: (j: number) => boolean = () => false,
): { index: Int32Array; score: Float64Array } {
  const cap = Math.max(0, Math.min(n, count));
  const hi = new Int32Array(cap);
  const hs = new Float64Array(cap);
  let size = 0;
  /** a ranks below b: lower score, or equal score and higher index. */
  const worse = (sa: number, ia: number, sb: number, ib: number) =>
    sa < sb || (sa === sb && ia > ib);
  const siftDown = (p: number) => {
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let w = p;
      if (l < size && worse(hs[l], hi[l], hs[w], hi[w])) w = l;
      if (r < size && worse(hs[r], hi[r], hs[w], hi[w])) w = r;
      if (w === p) return;
      [hs[p], hs[w]] = [hs[w], hs[p]];
      [hi[p], hi[w]] = [hi[w], hi[p]];
      p = w;
    }
  };
  for (let j = 0; j < count && cap > 0; j++) {
    if (excluded(j)) continue;
    const s = score(j);
    if (Number.isNaN(s)) continue;
    if (size < cap) {
      let c = size++;
      hs[c] = s;
      hi[c] = j;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(hs[c], hi[c], hs[p], hi[p])) break;
        [hs[p], hs[c]] = [hs[c], hs[p]];
        [hi[p], hi[c]] = [hi[c], hi[p]];
        c = p;
      }
    } else if (worse(hs[0], hi[0], s, j)) {
      hs[0] = s;
      hi[0] = j;
      siftDown(0);
    }
  }
  // Popping the worst repeatedly fills the output from its end.
  const index = new Int32Array(size);
  const out = new Float64Array(size);
  for (let k = size - 1; k >= 0; k--) {
    index[k] = hi[0];
    out[k] = hs[0];
    size--;
    hs[0] = hs[size];
    hi[0] = hi[size];
    siftDown(0);
  }
  return { index, score: out };
}
