/**
 * Checks the shape contract shared by every entry point of the clustering engine: `X` is a
 * row-major n × d Float64Array with n ≥ 1 and d ≥ 1 (both integers) and finite entries.
 * Throws a short message naming the offending value; `name` and `rows` name the matrix and
 * its row count in that message.
 */
export function checkMatrix(X: Float64Array, n: number, d: number, name = 'X', rows = 'n'): void {
  if (!(X instanceof Float64Array)) {
    throw new TypeError(`${name} must be a Float64Array (${rows} × d, row-major)`);
  }
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`${rows} = ${n}; expected an integer >= 1`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d = ${d}; expected an integer >= 1`);
  if (X.length !== n * d) {
    throw new RangeError(
      `${name} has length ${X.length}; expected ${rows} × d = ${n} × ${d} = ${n * d}`,
    );
  }
  for (let t = 0; t < X.length; t++) {
    if (!Number.isFinite(X[t])) {
      const row = Math.floor(t / d);
      throw new RangeError(`${name}[${row}, ${t - row * d}] = ${X[t]}; expected finite values`);
    }
  }
}
