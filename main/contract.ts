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
});
export type ClusterParams = z.infer<typeof ClusterParamsSchema>;

export const DEFAULT_CLUSTER_PARAMS: ClusterParams = {
  k: 5,
  restarts: 10,
  seed: 134,
  minRatings: 20,
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
