/**
 * The one typed contract between the renderer and the core: every request, response and
 * progress event that crosses a process boundary (Electron IPC or the browser-mode WebSocket)
 * is declared here once and validated with these schemas on the receiving side.
 *
 * Renderer, preload, Electron main, the WebSocket server and its client all import this file.
 * It must stay free of Node, Electron and DOM imports.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Shared pieces

export const DatasetWarningSchema = z.object({
  /** Machine-readable kind, e.g. `blank_line`, `duplicate_rating`, `rating_out_of_scale`. */
  kind: z.string(),
  file: z.string(),
  count: z.number().int().nonnegative(),
  /** First few 1-based line numbers where it happened. */
  lines: z.array(z.number().int()),
  /** One sentence with the policy applied, e.g. "the latest timestamp wins". */
  message: z.string(),
});
export type DatasetWarning = z.infer<typeof DatasetWarningSchema>;

export const HistogramBinSchema = z.object({ x0: z.number(), x1: z.number(), count: z.number() });
export type HistogramBin = z.infer<typeof HistogramBinSchema>;

export const DatasetSummarySchema = z.object({
  datasetId: z.string(),
  /** Folder or zip name shown to the user. */
  name: z.string(),
  path: z.string(),
  /** `100k`, `1m`, `10m`, `20m`, `25m`, `32m`, `latest`, `latest-small`, or `demo`. */
  release: z.string(),
  /** True for the bundled generated dataset: the UI labels it synthetic everywhere. */
  synthetic: z.boolean(),
  ratings: z.number().int(),
  users: z.number().int(),
  /** Movies with at least one rating. */
  movies: z.number().int(),
  moviesListed: z.number().int(),
  density: z.number(),
  ratingScale: z.object({ min: z.number(), max: z.number(), step: z.number() }),
  ratingHistogram: z.array(z.object({ value: z.number(), count: z.number().int() })),
  ratingsPerUser: z.array(HistogramBinSchema),
  ratingsPerMovie: z.array(HistogramBinSchema),
  genres: z.array(z.string()),
  hasDemographics: z.boolean(),
  warnings: z.array(DatasetWarningSchema),
  /** Content hash of the ratings, ties models and reports to their data. */
  fingerprint: z.string(),
});
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

/**
 * How ratings are held out for model selection: a seeded fraction, fold `fold` of a seeded
 * k-fold partition, or a split the release ships (100K's `u1.base` / `u1.test`).
 */
export const ValidationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('holdout'), fraction: z.number().gt(0).lt(1) }),
  z.object({
    kind: z.literal('kfold'),
    folds: z.number().int().min(2).max(20),
    fold: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('given'), train: z.string().min(1), test: z.string().min(1) }),
]);
export type Validation = z.infer<typeof ValidationSchema>;

export const FitParamsSchema = z.object({
  factors: z.number().int().min(1).max(500),
  alpha: z.number().positive(),
  lambda: z.number().nonnegative(),
  iterations: z.number().int().min(1).max(100_000),
  seed: z.number().int(),
  /** Stop when max_residual_change falls below this; 0 disables the tolerance stop. */
  tolerance: z.number().nonnegative(),
  /** U and V start uniform in [0, initScale). */
  initScale: z.number().positive(),
  /** Gradient descent (the notebook's algorithm) or alternating least squares (labelled). */
  solver: z.enum(['gd', 'als']).default('gd'),
  /** Worker threads for gradient descent (1 or more; results equal to 1e-12). */
  threads: z.number().int().min(1).max(16).default(1),
  validation: ValidationSchema.default({ kind: 'none' }),
});
export type FitParams = z.infer<typeof FitParamsSchema>;

export const DEFAULT_FIT_PARAMS: FitParams = {
  factors: 20,
  alpha: 0.0002,
  lambda: 0,
  iterations: 500,
  seed: 134,
  tolerance: 0,
  initScale: 1,
  solver: 'gd',
  threads: 1,
  validation: { kind: 'none' },
};

/** A subset of the release to fit on (SPEC §2); a view over the loaded data. */
export const SubsetSchema = z.object({
  movieIdMin: z.number().int().nullable(),
  movieIdMax: z.number().int().nullable(),
  topMovies: z.number().int().min(1).nullable(),
  minRatingsPerUser: z.number().int().min(0),
  minRatingsPerMovie: z.number().int().min(0),
});
export type SubsetParams = z.infer<typeof SubsetSchema>;

/** One row of the per-iteration diagnostics (SPEC §3). */
export const FitPointSchema = z.object({
  iteration: z.number().int(),
  rmse: z.number(),
  maxResidualChange: z.number(),
  maxUpdate: z.number(),
  objective: z.number(),
  /** RMSE on the held-out ratings, when the fit has a validation split. */
  validationRmse: z.number().nullable().optional(),
});
export type FitPoint = z.infer<typeof FitPointSchema>;

export const FitStatusSchema = z.enum(['max_iterations', 'converged', 'diverged', 'cancelled']);
export type FitStatus = z.infer<typeof FitStatusSchema>;

export const FitResultSchema = z.object({
  modelId: z.string(),
  datasetId: z.string(),
  params: FitParamsSchema,
  /** The subset fitted on, with its size; null for the whole release. */
  subset: z
    .object({
      spec: SubsetSchema,
      description: z.string(),
      users: z.number().int(),
      movies: z.number().int(),
      ratings: z.number().int(),
    })
    .nullable(),
  /** The held-out set, when there is one: ratings trained on and held out. */
  validation: z
    .object({
      description: z.string(),
      trainRatings: z.number().int(),
      testRatings: z.number().int(),
      dropped: z.number().int(),
    })
    .nullable()
    .default(null),
  status: FitStatusSchema,
  iterations: z.number().int(),
  diagnostics: z.array(FitPointSchema),
  /** Set when status is `diverged`: the one-line explanation and a smaller α to try. */
  divergence: z
    .object({ iteration: z.number().int(), suggestedAlpha: z.number(), message: z.string() })
    .nullable(),
  seconds: z.number(),
});
export type FitResult = z.infer<typeof FitResultSchema>;

export const ClusterParamsSchema = z.object({
  k: z.number().int().min(2).max(50),
  restarts: z.number().int().min(1).max(100),
  seed: z.number().int(),
  /** Representative movies are chosen among movies with at least this many ratings. */
  minRatings: z.number().int().min(1),
  /** The hierarchical method shown beside K-means: Ward (default), average or complete linkage. */
  linkage: z.enum(['ward', 'average', 'complete']).default('ward'),
  /** Cut the tree at this merge height instead of into k clusters (K-means keeps k). */
  cutHeight: z.number().positive().nullable().default(null),
});
export type ClusterParams = z.infer<typeof ClusterParamsSchema>;

export const DEFAULT_CLUSTER_PARAMS: ClusterParams = {
  k: 5,
  restarts: 10,
  seed: 134,
  minRatings: 20,
  linkage: 'ward',
  cutHeight: null,
};

export const MovieRefSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  genres: z.array(z.string()),
  ratings: z.number().int(),
  meanRating: z.number(),
  /** Euclidean distance to the cluster centre in UVstd. */
  distance: z.number(),
});
export type MovieRef = z.infer<typeof MovieRefSchema>;

export const ClusterProfileSchema = z.object({
  cluster: z.number().int(),
  users: z.number().int(),
  movies: z.number().int(),
  /**
   * The cluster's movie nearest its centre among those with enough ratings (or among all its
   * movies when none has enough, said in `note`); null when the cluster holds no movie.
   */
  representative: MovieRefSchema.nullable(),
  candidates: z.array(MovieRefSchema),
  /** For a cluster without movies: the nearest movie outside it. */
  nearestOutside: MovieRefSchema.nullable(),
  note: z.string().nullable(),
  /** Share of the cluster's movies in each genre against the share among all movies. */
  genreMix: z.array(z.object({ genre: z.string(), share: z.number(), overall: z.number() })),
  /** True when the person pinned `representative` instead of the nearest candidate. */
  pinned: z.boolean().default(false),
  demographics: z
    .object({
      meanAge: z.number().nullable(),
      female: z.number().nullable(),
      topOccupations: z.array(z.object({ name: z.string(), share: z.number() })),
    })
    .nullable(),
});
export type ClusterProfile = z.infer<typeof ClusterProfileSchema>;

export const MethodMetricsSchema = z.object({
  silhouette: z.number(),
  daviesBouldin: z.number(),
  calinskiHarabasz: z.number(),
  /** Within-cluster sum of squares (for Ward too, computed on its labels). */
  inertia: z.number(),
  /** Ward only: cophenetic correlation of the tree. */
  copheneticCorrelation: z.number().nullable(),
  /** Null when silhouette is exact; otherwise the sample size it was estimated on. */
  silhouetteSample: z.number().int().nullable(),
});
export type MethodMetrics = z.infer<typeof MethodMetricsSchema>;

export const MethodResultSchema = z.object({
  labels: z.array(z.number().int()),
  metrics: MethodMetricsSchema,
  /** Per-point silhouette (NaN-free; points outside a sample are omitted as null). */
  silhouetteSamples: z.array(z.number().nullable()),
  clusters: z.array(ClusterProfileSchema),
});
export type MethodResult = z.infer<typeof MethodResultSchema>;

export const LinkageSchema = z.object({
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  height: z.array(z.number()),
  size: z.array(z.number().int()),
});
export type LinkageData = z.infer<typeof LinkageSchema>;

export const METHODS = ['kmeans', 'ward'] as const;
export type MethodName = (typeof METHODS)[number];

export const ClusterResultSchema = z.object({
  clusteringId: z.string(),
  modelId: z.string(),
  params: ClusterParamsSchema,
  /** Rows of UVstd: users first, then movies (columnar). */
  points: z.object({
    kind: z.array(z.enum(['user', 'movie'])),
    id: z.array(z.number().int()),
    title: z.array(z.string()),
  }),
  methods: z.object({ kmeans: MethodResultSchema, ward: MethodResultSchema }),
  linkage: LinkageSchema,
  agreement: z.object({
    adjustedRand: z.number(),
    /** contingency[i][j]: points in K-means cluster i and Ward cluster j. */
    contingency: z.array(z.array(z.number().int())),
  }),
  seconds: z.number(),
});
export type ClusterResult = z.infer<typeof ClusterResultSchema>;

export const EmbedParamsSchema = z.object({
  seed: z.number().int(),
  nNeighbors: z.number().int().min(2).max(200),
  nEpochs: z.number().int().min(10).max(2000),
  minDist: z.number().min(0).max(1),
});
export type EmbedParams = z.infer<typeof EmbedParamsSchema>;

export const DEFAULT_EMBED_PARAMS: EmbedParams = {
  seed: 134,
  nNeighbors: 15,
  nEpochs: 200,
  minDist: 0.1,
};

export const EmbedResultSchema = z.object({
  clusteringId: z.string(),
  params: EmbedParamsSchema,
  x: z.array(z.number()),
  y: z.array(z.number()),
  /** Share of each point's map neighbours that share its cluster, averaged, per method. */
  consistency: z.object({ kmeans: z.number(), ward: z.number() }),
  seconds: z.number(),
});
export type EmbedResult = z.infer<typeof EmbedResultSchema>;

export const ExportResultSchema = z.object({
  dir: z.string(),
  files: z.array(z.string()),
  /** Browser mode: an URL (with the run token) that serves report.html. */
  reportUrl: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

// ---------------------------------------------------------------------------------------------
// Training lab: sweeps, recommendations, fit vs observed, factors, saved models

export const SweepCellSchema = z.object({
  factors: z.number().int(),
  lambda: z.number(),
  modelId: z.string(),
  status: FitStatusSchema,
  iterations: z.number().int(),
  trainRmse: z.number().nullable(),
  validationRmse: z.number().nullable(),
  maxUpdate: z.number().nullable(),
  seconds: z.number(),
});
export type SweepCell = z.infer<typeof SweepCellSchema>;

/** SPEC §3's default grids: λ at K = 20, and K at λ = 5. */
export const DEFAULT_LAMBDA_GRID = [0.1, 0.5, 1, 5, 10];
export const DEFAULT_FACTOR_GRID = [10, 20, 30, 40, 50];

const MovieBriefSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  genres: z.array(z.string()),
});
export type MovieBrief = z.infer<typeof MovieBriefSchema>;

export const RecommendationsSchema = z.object({
  userId: z.number().int(),
  /** The user's own highest ratings, for comparison. */
  topRated: z.array(MovieBriefSchema.extend({ rating: z.number() })),
  /** Movies the user has not rated, by predicted rating. */
  recommended: z.array(MovieBriefSchema.extend({ predicted: z.number() })),
});
export type Recommendations = z.infer<typeof RecommendationsSchema>;

export const SimilarMoviesSchema = z.object({
  movie: MovieBriefSchema,
  metric: z.enum(['cosine', 'euclidean']),
  /** Cosine similarity (higher is nearer) or Euclidean distance (lower is nearer). */
  similar: z.array(MovieBriefSchema.extend({ score: z.number() })),
});
export type SimilarMovies = z.infer<typeof SimilarMoviesSchema>;

/** For each observed rating value, counts of fitted values on shared bins (SPEC §3). */
export const FitVsObservedSchema = z.object({
  modelId: z.string(),
  min: z.number(),
  max: z.number(),
  binWidth: z.number(),
  series: z.array(
    z.object({ rating: z.number(), count: z.number().int(), bins: z.array(z.number().int()) }),
  ),
});
export type FitVsObserved = z.infer<typeof FitVsObservedSchema>;

/** The first `rows` users' factors (ascending user id, so two models share the row order). */
export const UserFactorsSchema = z.object({
  modelId: z.string(),
  factors: z.number().int(),
  userIds: z.array(z.number().int()),
  /** rows × factors, row-major. */
  values: z.array(z.number()),
});
export type UserFactors = z.infer<typeof UserFactorsSchema>;

export const KSweepRowSchema = z.object({
  k: z.number().int(),
  silhouette: z.number(),
  daviesBouldin: z.number(),
  calinskiHarabasz: z.number(),
  inertia: z.number(),
});
export const KSweepResultSchema = z.object({
  modelId: z.string(),
  linkage: z.enum(['ward', 'average', 'complete']),
  silhouetteSample: z.number().int().nullable(),
  kmeans: z.array(KSweepRowSchema),
  hierarchical: z.array(KSweepRowSchema),
  seconds: z.number(),
});
export type KSweepResult = z.infer<typeof KSweepResultSchema>;

// ---------------------------------------------------------------------------------------------
// Requests: one entry per API method, params schema and result schema.

const jobId = z.string().min(1).max(100);

export const requestSchemas = {
  /** State at connection time: the dataset opened on the command line, if any. */
  getState: {
    params: z.object({}),
    result: z.object({
      dataset: DatasetSummarySchema.nullable(),
      /** Where exports go by default (browser mode: a folder on the server). */
      defaultExportDir: z.string(),
      mode: z.enum(['electron', 'browser']),
    }),
  },
  /** Opens a MovieLens folder or zip; without a path, the bundled synthetic demo. */
  openDataset: {
    params: z.object({ jobId, path: z.string().min(1).nullable() }),
    result: DatasetSummarySchema,
  },
  /** The releases GroupLens publishes, with their download size when the server says it. */
  releases: {
    params: z.object({}),
    result: z.array(
      z.object({
        release: z.string(),
        file: z.string(),
        url: z.string(),
        sizeBytes: z.number().nullable(),
        cached: z.boolean(),
      }),
    ),
  },
  /** Downloads a release from GroupLens (checksum-verified, cached), then opens it. */
  downloadRelease: {
    params: z.object({ jobId, release: z.string().min(1) }),
    result: DatasetSummarySchema,
  },
  fit: {
    params: z.object({
      jobId,
      datasetId: z.string(),
      params: FitParamsSchema,
      subset: SubsetSchema.nullable().optional(),
    }),
    result: FitResultSchema,
  },
  cluster: {
    params: z.object({ jobId, modelId: z.string(), params: ClusterParamsSchema }),
    result: ClusterResultSchema,
  },
  embed: {
    params: z.object({ jobId, clusteringId: z.string(), params: EmbedParamsSchema }),
    result: EmbedResultSchema,
  },
  exportReport: {
    params: z.object({ jobId, clusteringId: z.string(), dir: z.string().min(1).nullable() }),
    result: ExportResultSchema,
  },
  /**
   * Fits one model per (K, λ) cell on parallel workers; every cell's model stays usable. Each
   * cell's fit streams its own `fit` events under job id `<jobId>/<cell index>`; a `sweepCell`
   * event marks a finished cell. Cancelling resolves with the cells so far (those cut short
   * have status `cancelled`).
   */
  sweep: {
    params: z.object({
      jobId,
      datasetId: z.string(),
      base: FitParamsSchema,
      subset: SubsetSchema.nullable().optional(),
      cells: z
        .array(
          z.object({ factors: z.number().int().min(1).max(500), lambda: z.number().nonnegative() }),
        )
        .min(1)
        .max(100),
      concurrency: z.number().int().min(1).max(8).default(2),
    }),
    result: z.object({ cells: z.array(SweepCellSchema) }),
  },
  /** Every model fitted in this session (newest last), for "use this model" and comparisons. */
  models: { params: z.object({}), result: z.array(FitResultSchema) },
  recommend: {
    params: z.object({
      modelId: z.string(),
      userId: z.number().int(),
      n: z.number().int().min(1).max(100).default(10),
    }),
    result: RecommendationsSchema,
  },
  similarMovies: {
    params: z.object({
      modelId: z.string(),
      movieId: z.number().int(),
      n: z.number().int().min(1).max(100).default(10),
      metric: z.enum(['cosine', 'euclidean']).default('cosine'),
    }),
    result: SimilarMoviesSchema,
  },
  /** Movies of a model whose title contains the query (case-insensitive), most rated first. */
  searchMovies: {
    params: z.object({
      modelId: z.string(),
      query: z.string().max(200),
      limit: z.number().int().min(1).max(100).default(20),
    }),
    result: z.array(MovieBriefSchema.extend({ ratings: z.number().int() })),
  },
  fitVsObserved: {
    params: z.object({ modelId: z.string(), bins: z.number().int().min(10).max(400).default(120) }),
    result: FitVsObservedSchema,
  },
  userFactors: {
    params: z.object({ modelId: z.string(), rows: z.number().int().min(1).max(5000).default(300) }),
    result: UserFactorsSchema,
  },
  /** Saves a model (factors, parameters, diagnostics, dataset fingerprint) to a file. */
  saveModel: {
    params: z.object({ modelId: z.string(), path: z.string().min(1) }),
    result: z.object({ path: z.string(), bytes: z.number().int() }),
  },
  /** Reopens a saved model on an open dataset; refuses when the fingerprints differ. */
  openModel: {
    params: z.object({ datasetId: z.string(), path: z.string().min(1) }),
    result: FitResultSchema,
  },
  /** Saves the analysis of a dataset (models, clusterings, maps, pinned picks) to one file. */
  saveProject: {
    params: z.object({ datasetId: z.string(), path: z.string().min(1) }),
    result: z.object({ path: z.string(), bytes: z.number().int() }),
  },
  /** Reopens a saved analysis without recomputing; refuses when the dataset has changed. */
  openProject: {
    params: z.object({ jobId, path: z.string().min(1) }),
    result: z.object({
      dataset: DatasetSummarySchema,
      models: z.array(FitResultSchema),
      clusterings: z.array(
        z.object({ clustering: ClusterResultSchema, embedding: EmbedResultSchema.nullable() }),
      ),
    }),
  },
  /** Scores both methods at every k (default 2…15) on a model's UVstd. */
  kSweep: {
    params: z.object({
      jobId,
      modelId: z.string(),
      ks: z
        .array(z.number().int().min(2).max(50))
        .min(1)
        .max(30)
        .default([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
      restarts: z.number().int().min(1).max(100).default(10),
      seed: z.number().int().default(134),
      linkage: z.enum(['ward', 'average', 'complete']).default('ward'),
    }),
    result: KSweepResultSchema,
  },
  /** Pins another movie as a cluster's representative (null restores the nearest). */
  pinRepresentative: {
    params: z.object({
      clusteringId: z.string(),
      method: z.enum(METHODS),
      cluster: z.number().int().min(0),
      movieId: z.number().int().nullable(),
    }),
    result: ClusterResultSchema,
  },
  /** Cancels a running job; resolves true when a job with that id was running. */
  cancel: {
    params: z.object({ jobId }),
    result: z.boolean(),
  },
} as const;

export type Method = keyof typeof requestSchemas;
export type Params<M extends Method> = z.infer<(typeof requestSchemas)[M]['params']>;
export type Result<M extends Method> = z.infer<(typeof requestSchemas)[M]['result']>;

/** The API the renderer sees, identical over Electron IPC and the WebSocket. */
export type FactorLensApi = { [M in Method]: (params: Params<M>) => Promise<Result<M>> } & {
  /** Subscribes to progress events; returns an unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};

// ---------------------------------------------------------------------------------------------
// Progress events

export const STAGES = ['load', 'fit', 'cluster', 'embed', 'export'] as const;

export const ProgressEventSchema = z.object({
  jobId,
  stage: z.enum(STAGES),
  /** 0…1, or null when unknown. */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string(),
  /** Fit only: diagnostics rows produced since the previous event. */
  fitPoints: z.array(FitPointSchema).optional(),
  /** Sweep only: a cell that just finished. */
  sweepCell: SweepCellSchema.optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

// ---------------------------------------------------------------------------------------------
// Wire messages (WebSocket frames and the Electron IPC envelope)

export const ClientMessageSchema = z.object({
  type: z.literal('request'),
  id: z.number().int(),
  method: z.enum(Object.keys(requestSchemas) as [Method, ...Method[]]),
  params: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

// Two members share `type: 'response'`; zod needs them nested under their own `ok` key.
export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.discriminatedUnion('ok', [
    z.object({
      type: z.literal('response'),
      id: z.number().int(),
      ok: z.literal(true),
      result: z.unknown(),
    }),
    z.object({
      type: z.literal('response'),
      id: z.number().int(),
      ok: z.literal(false),
      error: z.object({ message: z.string(), cancelled: z.boolean() }),
    }),
  ]),
  z.object({ type: z.literal('event'), event: ProgressEventSchema }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Parses a method's params; throws an Error whose message names the method and the field. */
export function parseParams<M extends Method>(method: M, params: unknown): Params<M> {
  const parsed = requestSchemas[method].params.safeParse(params);
  if (!parsed.success)
    throw new Error(
      `${method}: invalid request: ${z.prettifyError(parsed.error).replace(/\s*\n\s*/g, ' ')}`,
    );
  return parsed.data as Params<M>;
}

/** Parses a method's result on the receiving side. */
export function parseResult<M extends Method>(method: M, result: unknown): Result<M> {
  const parsed = requestSchemas[method].result.safeParse(result);
  if (!parsed.success)
    throw new Error(`${method}: invalid response: ${z.prettifyError(parsed.error)}`);
  return parsed.data as Result<M>;
}
