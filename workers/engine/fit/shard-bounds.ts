/**
 * Splits rows 0..n−1 into `shards` contiguous ranges of about equal work, for the threads of
 * fit-parallel.ts. A row's work is its entry count (ptr[r+1] − ptr[r], from CSR or CSC) plus
 * a constant for the per-row part (loading, stepping and storing the row): MovieLens rows are
 * very uneven (100K users rate 20 to 737 movies), so equal row counts would leave one thread
 * waiting on the other.
 *
 * Returns shards + 1 boundaries: shard s owns rows bounds[s]..bounds[s+1]−1.
 */
export function balanceShards(ptr: Int32Array, n: number, shards: number, rowCost = 2): Int32Array {
  if (!Number.isInteger(shards) || shards < 1)
    throw new Error(`shards is ${shards}; expected an integer ≥ 1`);
  const bounds = new Int32Array(shards + 1);
  const total = ptr[n] - ptr[0] + rowCost * n;
  let s = 1;
  let done = 0;
  for (let r = 0; r < n && s < shards; r++) {
    done += ptr[r + 1] - ptr[r] + rowCost;
    // Row r closes shard s − 1 once the work up to and including it reaches s/shards.
    while (s < shards && done >= (total * s) / shards) bounds[s++] = r + 1;
  }
  for (; s <= shards; s++) bounds[s] = n;
  return bounds;
}
