import type { Linkage } from './ward';

/**
 * SciPy's post-processing of `nn_chain`: a stable sort of the n − 1 merges by height, then a
 * union–find pass that turns the slot numbers the chain worked with into cluster ids (n + row)
 * and recomputes the sizes. `mergeX[k] < mergeY[k]` are the slots joined by merge k.
 */
export function labelMerges(
  mergeX: Int32Array,
  mergeY: Int32Array,
  mergeH: Float64Array,
  n: number,
): Linkage {
  const m = n - 1;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => mergeH[a] - mergeH[b] || a - b);

  const parent = new Int32Array(2 * n - 1);
  const clusterSize = new Int32Array(2 * n - 1);
  for (let i = 0; i < 2 * n - 1; i++) {
    parent[i] = i;
    clusterSize[i] = 1;
  }
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const height = new Float64Array(m);
  const size = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const r = order[i];
    const a = find(parent, mergeX[r]);
    const b = find(parent, mergeY[r]);
    const id = n + i;
    left[i] = a < b ? a : b;
    right[i] = a < b ? b : a;
    height[i] = mergeH[r];
    parent[a] = id;
    parent[b] = id;
    clusterSize[id] = clusterSize[a] + clusterSize[b];
    size[i] = clusterSize[id];
  }
  return { left, right, height, size };
}

/** Root of x, compressing the path behind it. */
function find(parent: Int32Array, x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root];
  while (parent[x] !== root) {
    const p = parent[x];
    parent[x] = root;
    x = p;
  }
  return root;
}
