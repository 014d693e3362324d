export interface OccupationShare {
  name: string;
  /** Share of the cluster's users with a known occupation. */
  share: number;
}

export interface ClusterDemographics {
  cluster: number;
  /** The cluster's users. */
  users: number;
  /** Mean over users with a known age; null when none has one. */
  meanAge: number | null;
  /** Share of women among users with a known gender; null when none has one. */
  female: number | null;
  /** Up to topN occupations, most common first (ties: lower occupation code); empty when none is known. */
  topOccupations: OccupationShare[];
}

/**
 * Who the users of each cluster are, where the release records it (ML-100K does, later
 * releases do not). Each figure is taken over the users for whom that field is known. For the
 * whole population as a baseline, call it with every label 0 and k = 1.
 *
 * labels: length ≥ nUsers, users first, values 0…k − 1 (rows past nUsers, the movies, are
 * ignored). ages: length nUsers, NaN when unknown. genders: length nUsers, 0 unknown, 1 male,
 * 2 female. occupations: length nUsers, an index into occupationNames, −1 when unknown.
 */
export function userDemographics(
  labels: Int32Array,
  nUsers: number,
  k: number,
  ages: Float64Array,
  genders: Uint8Array,
  occupations: Int32Array,
  occupationNames: string[],
  topN = 3,
): ClusterDemographics[] {
  if (labels.length < nUsers || ages.length !== nUsers || genders.length !== nUsers) {
    throw new Error(
      `userDemographics: labels, ages, genders have lengths ${labels.length}, ${ages.length}, ` +
        `${genders.length}; expected ≥ ${nUsers}, ${nUsers}, ${nUsers}`,
    );
  }
  if (occupations.length !== nUsers) {
    throw new Error(
      `userDemographics: occupations has length ${occupations.length}, expected nUsers = ${nUsers}`,
    );
  }
  const nOcc = occupationNames.length;
  const users = new Int32Array(k);
  const ageSum = new Float64Array(k);
  const ageCount = new Int32Array(k);
  const women = new Int32Array(k);
  const genderCount = new Int32Array(k);
  const occCount = new Int32Array(k * nOcc);
  const occKnown = new Int32Array(k);
  for (let u = 0; u < nUsers; u++) {
    const c = labels[u];
    if (!(c >= 0 && c < k)) {
      throw new Error(`userDemographics: labels[${u}] = ${c} is outside 0…${k - 1}`);
    }
    users[c]++;
    if (!Number.isNaN(ages[u])) {
      ageSum[c] += ages[u];
      ageCount[c]++;
    }
    if (genders[u] === 1 || genders[u] === 2) {
      genderCount[c]++;
      if (genders[u] === 2) women[c]++;
    }
    const o = occupations[u];
    if (o >= 0) {
      if (o >= nOcc) {
        throw new Error(
          `userDemographics: occupations[${u}] = ${o} but there are ${nOcc} occupation names`,
        );
      }
      occCount[c * nOcc + o]++;
      occKnown[c]++;
    }
  }

  const result: ClusterDemographics[] = [];
  for (let c = 0; c < k; c++) {
    const ranked: number[] = [];
    for (let o = 0; o < nOcc; o++) if (occCount[c * nOcc + o] > 0) ranked.push(o);
    ranked.sort((a, b) => occCount[c * nOcc + b] - occCount[c * nOcc + a] || a - b);
    result.push({
      cluster: c,
      users: users[c],
      meanAge: ageCount[c] > 0 ? ageSum[c] / ageCount[c] : null,
      female: genderCount[c] > 0 ? women[c] / genderCount[c] : null,
      topOccupations: ranked.slice(0, topN).map((o) => ({
        name: occupationNames[o],
        share: occCount[c * nOcc + o] / occKnown[c],
      })),
    });
  }
  return result;
}
