/**
 * How well a 2-D map keeps clusters together: the mean, over points, of the share of a point's
 * k nearest map neighbours (itself excluded) that carry its label. 1 means every neighbourhood
 * is pure; for k random labels it sits near the sum of squared cluster shares.
 *
 * x, y: length n, map coordinates. labels: length n. k is capped at n − 1. Neighbours are exact
 * and ordered by (distance, index), so ties go to the lower index. NaN when n < 2.
 *
 * Points are bucketed in a uniform grid of about two points per cell; each point searches rings
 * of cells outwards until its k-th distance is shorter than the distance to any unvisited cell.
 */
export function mapConsistency(
  x: Float64Array,
  y: Float64Array,
  labels: ArrayLike<number>,
  k = 10,
): number {
  const n = x.length;
  if (y.length !== n || labels.length !== n) {
    throw new Error(
      `mapConsistency: x, y and labels have lengths ${n}, ${y.length}, ${labels.length}; expected equal`,
    );
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new Error(`mapConsistency: k = ${k} must be a positive integer`);
  }
  if (n < 2) return NaN;
  const kk = Math.min(k, n - 1);

  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  if (!Number.isFinite(minX + maxX + minY + maxY)) {
    throw new Error('mapConsistency: coordinates must be finite');
  }
  const w = maxX - minX;
  const h = maxY - minY;
  // Cell side for about two points a cell, but never more than n cells along one axis (a map
  // squashed onto a line) and never 0 (all points equal).
  let cs = w > 0 && h > 0 ? Math.sqrt((2 * w * h) / n) : 0;
  cs = Math.max(cs, w / n, h / n);
  if (!(cs > 0)) cs = 1;
  const gx = Math.min(n, Math.floor(w / cs) + 1);
  const gy = Math.min(n, Math.floor(h / cs) + 1);

  // Counting sort of the points by cell.
  const cellOf = new Int32Array(n);
  const cellStart = new Int32Array(gx * gy + 1);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(gx - 1, Math.floor((x[i] - minX) / cs));
    const cy = Math.min(gy - 1, Math.floor((y[i] - minY) / cs));
    cellOf[i] = cy * gx + cx;
    cellStart[cellOf[i] + 1]++;
  }
  for (let c = 0; c < gx * gy; c++) cellStart[c + 1] += cellStart[c];
  const cellPoints = new Int32Array(n);
  const fill = cellStart.slice(0, gx * gy);
  for (let i = 0; i < n; i++) cellPoints[fill[cellOf[i]]++] = i;

  // A cell's computed edge may sit a rounding error away from where floor() put its points.
  const slack = 1e-9 * (Math.abs(minX) + Math.abs(maxX) + Math.abs(minY) + Math.abs(maxY) + cs);
  const heapD = new Float64Array(kk);
  const heapI = new Int32Array(kk);
  let total = 0;

  for (let i = 0; i < n; i++) {
    const px = x[i];
    const py = y[i];
    const cx = cellOf[i] % gx;
    const cy = (cellOf[i] - cx) / gx;
    let size = 0;
    const maxR = Math.max(cx, gx - 1 - cx, cy, gy - 1 - cy);
    for (let r = 0; r <= maxR; r++) {
      const x0 = cx - r;
      const x1 = cx + r;
      const y0 = cy - r;
      const y1 = cy + r;
      for (let gyy = Math.max(0, y0); gyy <= Math.min(gy - 1, y1); gyy++) {
        // Interior rows of the ring contribute only their two end cells.
        const onEdge = gyy === y0 || gyy === y1;
        const step = onEdge || r === 0 ? 1 : x1 - x0;
        for (let gxx = x0; gxx <= x1; gxx += step) {
          if (gxx < 0 || gxx >= gx) continue;
          const cell = gyy * gx + gxx;
          for (let t = cellStart[cell]; t < cellStart[cell + 1]; t++) {
            const j = cellPoints[t];
            if (j === i) continue;
            const dx = x[j] - px;
            const dy = y[j] - py;
            size = offer(heapD, heapI, size, kk, dx * dx + dy * dy, j);
          }
        }
      }
      if (size === kk) {
        // Distance from p to the nearest cell outside the (2r+1)² block, sides beyond the
        // grid excepted.
        let bound = Infinity;
        if (x0 > 0) bound = Math.min(bound, px - (minX + x0 * cs));
        if (x1 < gx - 1) bound = Math.min(bound, minX + (x1 + 1) * cs - px);
        if (y0 > 0) bound = Math.min(bound, py - (minY + y0 * cs));
        if (y1 < gy - 1) bound = Math.min(bound, minY + (y1 + 1) * cs - py);
        bound -= slack;
        if (bound > 0 && heapD[0] < bound * bound) break;
      }
    }
    let same = 0;
    for (let t = 0; t < kk; t++) if (labels[heapI[t]] === labels[i]) same++;
    total += same / kk;
  }
  return total / n;
}

/**
 * Offers (dist, j) to a max-heap ordered by (distance, index) holding `size` of at most `cap`
 * entries; returns the new size.
 */
function offer(
  heapD: Float64Array,
  heapI: Int32Array,
  size: number,
  cap: number,
  dist: number,
  j: number,
): number {
  if (size < cap) {
    let c = size;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      const pd = heapD[parent];
      if (pd > dist || (pd === dist && heapI[parent] > j)) break;
      heapD[c] = pd;
      heapI[c] = heapI[parent];
      c = parent;
    }
    heapD[c] = dist;
    heapI[c] = j;
    return size + 1;
  }
  if (dist > heapD[0] || (dist === heapD[0] && j > heapI[0])) return size;
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    let child = l;
    const r = l + 1;
    if (r < size && (heapD[r] > heapD[l] || (heapD[r] === heapD[l] && heapI[r] > heapI[l]))) {
      child = r;
    }
    const cd = heapD[child];
    if (cd < dist || (cd === dist && heapI[child] < j)) break;
    heapD[c] = cd;
    heapI[c] = heapI[child];
    c = child;
  }
  heapD[c] = dist;
  heapI[c] = j;
  return size;
}
