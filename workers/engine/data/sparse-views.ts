/**
 * Building blocks of the two views of a sparse ratings matrix: typed arrays over shared memory
 * (so worker threads read them without copies), and the by-movie view (CSC) derived from the
 * by-user view (CSR). Within each movie, users come out ascending because CSR is walked in
 * user order.
 */

/** A typed array over SharedArrayBuffer where available (Node, cross-origin-isolated pages). */
export function sharedArray<T extends Int32Array | Float32Array | Float64Array>(
  Ctor: { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
  n: number,
): T {
  const Buffer = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;
  return new Ctor(new Buffer(Math.max(1, n) * Ctor.BYTES_PER_ELEMENT));
}

/** The by-movie view (moviePtr, movieCol = user rows, movieVal) of a by-user view. */
export function cscFromCsr(
  nUsers: number,
  nMovies: number,
  userPtr: Int32Array,
  userCol: Int32Array,
  userVal: Float32Array,
): { moviePtr: Int32Array; movieCol: Int32Array; movieVal: Float32Array } {
  const n = userPtr[nUsers];
  const moviePtr = sharedArray(Int32Array, nMovies + 1);
  const movieCol = sharedArray(Int32Array, n);
  const movieVal = sharedArray(Float32Array, n);
  for (let j = 0; j < n; j++) moviePtr[userCol[j] + 1]++;
  for (let m = 0; m < nMovies; m++) moviePtr[m + 1] += moviePtr[m];
  const next = moviePtr.slice(0, nMovies);
  for (let i = 0; i < nUsers; i++) {
    for (let j = userPtr[i]; j < userPtr[i + 1]; j++) {
      const slot = next[userCol[j]]++;
      movieCol[slot] = i;
      movieVal[slot] = userVal[j];
    }
  }
  return { moviePtr, movieCol, movieVal };
}
