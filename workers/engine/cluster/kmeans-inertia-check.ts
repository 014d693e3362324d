export interface InertiaCheck {
  /** Whether |inertia − reference| ≤ tolerance · reference. */
  ok: boolean;
  /** (inertia − reference) / reference: negative when ours is lower (better). */
  relativeDifference: number;
  /** One line for a log or report, e.g. "K-means inertia 1,002.3 is 0.23% above ...". */
  message: string;
}

/**
 * Compares a K-means inertia with a reference on the same points, such as scikit-learn's
 * `KMeans(n_clusters=k, n_init=10).inertia_`: the clustering issue accepts ours within 0.5%
 * of scikit-learn's (the two use different random streams, so they need not reach the same
 * local optimum). `tolerance` is relative to the reference.
 */
export function kmeansInertiaCheck(
  inertia: number,
  reference: number,
  tolerance = 0.005,
): InertiaCheck {
  if (!(reference > 0) || !Number.isFinite(reference)) {
    throw new RangeError(`reference inertia = ${reference}; expected a finite number > 0`);
  }
  if (!(inertia >= 0) || !Number.isFinite(inertia)) {
    throw new RangeError(`inertia = ${inertia}; expected a finite number >= 0`);
  }
  const relativeDifference = (inertia - reference) / reference;
  const ok = Math.abs(relativeDifference) <= tolerance;
  const percent = (x: number) => `${Number((100 * x).toPrecision(2))}%`;
  const side = relativeDifference >= 0 ? 'above' : 'below';
  const message =
    `K-means inertia ${inertia.toPrecision(8)} is ${percent(Math.abs(relativeDifference))} ` +
    `${side} the reference ${reference.toPrecision(8)}; ` +
    `${ok ? 'within' : 'expected within'} ${percent(tolerance)}`;
  return { ok, relativeDifference, message };
}
