import {
  DEFAULT_CLUSTER_PARAMS,
  DEFAULT_EMBED_PARAMS,
  DEFAULT_FIT_PARAMS,
  ClusterParamsSchema,
  FitParamsSchema,
  SubsetSchema,
  type ClusterParams,
  type ClusterResult,
  type DatasetSummary,
  type EmbedResult,
  type ExportResult,
  type FactorLensApi,
  type FitParams,
  type FitPoint,
  type FitResult,
  type MethodName,
  type ProgressEvent,
  type Result,
  type SubsetParams,
} from '../../../main/contract';
import { errorLine, isCancelled, newJobId } from './api';
import { freshExportDir } from './export-dir';
import { describeIssue } from './form-issues';

export type Step = 'dataset' | 'fit' | 'cluster' | 'export';
/** One running job per slot; a slot is the kind of work the job does. */
export type Slot = 'load' | 'fit' | 'cluster' | 'embed' | 'export';

export interface Job {
  id: string;
  fraction: number | null;
  message: string;
  startedAt: number;
  cancelling: boolean;
}

export type Release = Result<'releases'>[number];

/** The subset form: fit on part of the ratings when `enabled`. */
export interface SubsetForm extends SubsetParams {
  enabled: boolean;
}

export interface Selection {
  method: MethodName;
  cluster: number;
}

const SLOT_LABEL: Record<Slot, string> = {
  load: 'Opening the dataset',
  fit: 'Fitting',
  cluster: 'Clustering',
  embed: 'UMAP embedding',
  export: 'Export',
};

/**
 * The whole state of one analysis, shared by every view. Results are held raw (not deeply
 * reactive): they are replaced whole, never mutated.
 */
export class Session {
  step = $state<Step>('dataset');
  mode = $state<'electron' | 'browser' | null>(null);
  ready = $state(false);
  dataset = $state.raw<DatasetSummary | null>(null);
  datasetPath = $state('');

  releases = $state.raw<Release[] | null>(null);
  releasesLoading = $state(false);

  fitParams = $state<FitParams>({ ...DEFAULT_FIT_PARAMS });
  subset = $state<SubsetForm>({
    enabled: false,
    movieIdMin: null,
    movieIdMax: null,
    topMovies: null,
    minRatingsPerUser: 0,
    minRatingsPerMovie: 0,
  });
  fit = $state.raw<FitResult | null>(null);
  /** Diagnostics of the current or last run, appended as progress events stream in. */
  fitPoints = $state.raw<FitPoint[]>([]);
  /** Iteration limit of the current or last run (the x extent of the live charts). */
  fitTarget = $state(DEFAULT_FIT_PARAMS.iterations);

  clusterParams = $state<ClusterParams>({ ...DEFAULT_CLUSTER_PARAMS });
  clustering = $state.raw<ClusterResult | null>(null);
  embedding = $state.raw<EmbedResult | null>(null);
  embedNote = $state<string | null>(null);
  selection = $state<Selection | null>(null);

  /** Root for exports, from the core; each export suggests a new folder inside it. */
  exportRoot = $state('');
  exportDir = $state('');
  exported = $state.raw<ExportResult | null>(null);

  jobs = $state<Partial<Record<Slot, Job>>>({});
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  readonly api: FactorLensApi;
  #pendingPoints: FitPoint[] = [];
  #frame = 0;

  constructor(api: FactorLensApi) {
    this.api = api;
    api.onProgress((event) => this.#progress(event));
  }

  get busy(): boolean {
    return Object.keys(this.jobs).length > 0;
  }

  async init(): Promise<void> {
    try {
      const state = await this.api.getState({});
      this.mode = state.mode;
      this.exportRoot = state.defaultExportDir;
      this.exportDir ||= freshExportDir(state.defaultExportDir);
      if (state.dataset) this.#setDataset(state.dataset);
    } catch (error) {
      this.error = `Cannot reach the FactorLens core: ${errorLine(error)}`;
    } finally {
      this.ready = true;
    }
  }

  /** Opens a folder or zip on the machine running the core; `null` opens the synthetic demo. */
  async open(path: string | null): Promise<void> {
    const summary = await this.#run('load', (jobId) => this.api.openDataset({ jobId, path }));
    if (summary) this.#setDataset(summary);
  }

  /** Lists the releases GroupLens publishes (asked once, when the person wants to download). */
  async loadReleases(): Promise<void> {
    if (this.releases || this.releasesLoading) return;
    this.releasesLoading = true;
    try {
      this.releases = await this.api.releases({});
    } catch (error) {
      this.error = `Listing the GroupLens releases failed: ${errorLine(error)}`;
    } finally {
      this.releasesLoading = false;
    }
  }

  /** Downloads a release (checksum-verified and cached by the core), then opens it. */
  async download(release: string): Promise<void> {
    const summary = await this.#run('load', (jobId) =>
      this.api.downloadRelease({ jobId, release }),
    );
    if (!summary) return;
    this.#setDataset(summary);
    this.releases =
      this.releases?.map((r) => (r.release === release ? { ...r, cached: true } : r)) ?? null;
  }

  async runFit(): Promise<void> {
    const dataset = this.dataset;
    if (!dataset) return;
    const parsed = FitParamsSchema.safeParse($state.snapshot(this.fitParams));
    if (!parsed.success) {
      this.error = describeIssue(parsed.error.issues[0]);
      return;
    }
    const { enabled, ...form } = $state.snapshot(this.subset);
    const subsetParsed = SubsetSchema.safeParse(blankToNull(form));
    if (enabled && !subsetParsed.success) {
      this.error = describeIssue(subsetParsed.error.issues[0]);
      return;
    }
    const subset = enabled && subsetParsed.success ? subsetParsed.data : null;
    this.#resetFit();
    this.fitTarget = parsed.data.iterations;
    const result = await this.#run('fit', (jobId) =>
      this.api.fit({ jobId, datasetId: dataset.datasetId, params: parsed.data, subset }),
    );
    this.#flushPoints();
    if (!result) return;
    if (result.diagnostics.length > 0) this.fitPoints = result.diagnostics;
    this.fit = result;
  }

  /** Clusters the current model, then starts the UMAP embedding of the same points. */
  async runCluster(): Promise<void> {
    const fit = this.fit;
    if (!fit || fit.status === 'diverged') return;
    const parsed = ClusterParamsSchema.safeParse($state.snapshot(this.clusterParams));
    if (!parsed.success) {
      this.error = describeIssue(parsed.error.issues[0]);
      return;
    }
    this.#resetClustering();
    const result = await this.#run('cluster', (jobId) =>
      this.api.cluster({ jobId, modelId: fit.modelId, params: parsed.data }),
    );
    if (!result) return;
    this.clustering = result;
    void this.runEmbed();
  }

  async runEmbed(): Promise<void> {
    const clustering = this.clustering;
    if (!clustering) return;
    this.embedding = null;
    this.embedNote = null;
    const params = { ...DEFAULT_EMBED_PARAMS, seed: clustering.params.seed };
    const result = await this.#run('embed', (jobId) =>
      this.api.embed({ jobId, clusteringId: clustering.clusteringId, params }),
    );
    if (this.clustering?.clusteringId !== clustering.clusteringId) return; // re-clustered since
    if (result) this.embedding = result;
    else this.embedNote = 'The UMAP map was not computed.';
  }

  async runExport(): Promise<void> {
    const clustering = this.clustering;
    if (!clustering) return;
    this.exported = null;
    const dir = this.exportDir.trim() || null;
    const result = await this.#run('export', (jobId) =>
      this.api.exportReport({ jobId, clusteringId: clustering.clusteringId, dir }),
    );
    if (result) {
      this.exported = result;
      // The core refuses to write into an existing report folder: offer a new one next time.
      this.exportDir = freshExportDir(this.exportRoot);
    }
  }

  async cancel(slot: Slot): Promise<void> {
    const job = this.jobs[slot];
    if (!job || job.cancelling) return;
    job.cancelling = true;
    job.message = 'Cancelling…';
    try {
      await this.api.cancel({ jobId: job.id });
    } catch (error) {
      this.error = `Cancel failed: ${errorLine(error)}`;
    }
  }

  select(method: MethodName, cluster: number): void {
    const same = this.selection?.method === method && this.selection.cluster === cluster;
    this.selection = same ? null : { method, cluster };
  }

  dismissError(): void {
    this.error = null;
  }

  async #run<T>(slot: Slot, call: (jobId: string) => Promise<T>): Promise<T | null> {
    const id = newJobId();
    this.jobs[slot] = {
      id,
      fraction: null,
      message: 'Starting…',
      startedAt: Date.now(),
      cancelling: false,
    };
    this.error = null;
    this.notice = null;
    try {
      return await call(id);
    } catch (error) {
      // After a cancel request, a failure that says so is the cancellation, whatever its flag.
      const asked = this.jobs[slot]?.id === id && this.jobs[slot]?.cancelling;
      if (isCancelled(error) || (asked && /cancel/i.test(errorLine(error)))) {
        this.notice = `${SLOT_LABEL[slot]} was cancelled.`;
      } else this.error = `${SLOT_LABEL[slot]} failed: ${errorLine(error)}`;
      return null;
    } finally {
      if (this.jobs[slot]?.id === id) delete this.jobs[slot];
    }
  }

  #progress(event: ProgressEvent): void {
    const slot = (Object.keys(this.jobs) as Slot[]).find((s) => this.jobs[s]?.id === event.jobId);
    if (!slot) return;
    const job = this.jobs[slot]!;
    job.fraction = event.fraction;
    if (!job.cancelling) job.message = event.message;
    if (slot === 'fit' && event.fitPoints?.length) {
      this.#pendingPoints.push(...event.fitPoints);
      // Redraw at most once a frame however fast the worker reports.
      this.#frame ||= requestAnimationFrame(() => this.#flushPoints());
    }
  }

  #flushPoints(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    if (this.#pendingPoints.length === 0) return;
    this.fitPoints = this.fitPoints.concat(this.#pendingPoints);
    this.#pendingPoints = [];
  }

  #setDataset(summary: DatasetSummary): void {
    this.dataset = summary;
    if (!summary.synthetic) this.datasetPath ||= summary.path;
    this.#resetFit();
  }

  #resetFit(): void {
    this.#flushPoints();
    this.fit = null;
    this.fitPoints = [];
    this.#resetClustering();
  }

  #resetClustering(): void {
    // An embedding of the clustering being replaced would only be thrown away.
    if (this.jobs.embed) void this.cancel('embed');
    this.clustering = null;
    this.embedding = null;
    this.embedNote = null;
    this.selection = null;
    this.exported = null;
  }
}

/** Empty number inputs arrive as null or undefined; the optional bounds take null. */
function blankToNull(form: SubsetParams): SubsetParams {
  const clean = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? null : v);
  return {
    movieIdMin: clean(form.movieIdMin),
    movieIdMax: clean(form.movieIdMax),
    topMovies: clean(form.topMovies),
    minRatingsPerUser: clean(form.minRatingsPerUser) ?? 0,
    minRatingsPerMovie: clean(form.minRatingsPerMovie) ?? 0,
  };
}
