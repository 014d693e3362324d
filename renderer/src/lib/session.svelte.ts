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
  type KSweepResult,
  type FitParams,
  type FitPoint,
  type FitResult,
  type MethodName,
  type ProgressEvent,
  type Result,
  type SubsetParams,
} from '../../../main/contract';
import { errorLine, isCancelled, newJobId } from './api';
import { freshExportDir, freshProjectPath } from './export-dir';
import { describeIssue } from './form-issues';
import { InspectState } from './inspect-state.svelte';
import { SweepState } from './sweep-state.svelte';
import {
  DEFAULT_VALIDATION_FORM,
  offersGivenSplit,
  validationFromForm,
  type ValidationForm,
} from './validation-form';

export type Step = 'dataset' | 'fit' | 'sweep' | 'inspect' | 'cluster' | 'export';
/** One running job per slot; a slot is the kind of work the job does. */
export type Slot = 'load' | 'fit' | 'sweep' | 'cluster' | 'ksweep' | 'embed' | 'export';

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

/** Points brushed on one method's map (indices into the clustering's points). */
export interface Brushed {
  method: MethodName;
  indices: number[];
}

const SLOT_LABEL: Record<Slot, string> = {
  load: 'Opening the dataset',
  fit: 'Fitting',
  sweep: 'The sweep',
  cluster: 'Clustering',
  ksweep: 'The k-sweep',
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
  validationForm = $state<ValidationForm>({ ...DEFAULT_VALIDATION_FORM });
  subset = $state<SubsetForm>({
    enabled: false,
    movieIdMin: null,
    movieIdMax: null,
    topMovies: null,
    minRatingsPerUser: 0,
    minRatingsPerMovie: 0,
  });
  /** The current model: the one the later steps inspect, cluster and export. */
  fit = $state.raw<FitResult | null>(null);
  /** Every model of this session (fits, sweep cells, opened files), oldest first. */
  models = $state.raw<FitResult[]>([]);
  /** The file the latest "Save model" wrote, suggested when opening one. */
  lastSavedPath = $state<string | null>(null);
  /** Diagnostics of the current or last run, appended as progress events stream in. */
  fitPoints = $state.raw<FitPoint[]>([]);
  /** Iteration limit of the current or last run (the x extent of the live charts). */
  fitTarget = $state(DEFAULT_FIT_PARAMS.iterations);

  clusterParams = $state<ClusterParams>({ ...DEFAULT_CLUSTER_PARAMS });
  /** Cut the tree at `clusterParams.cutHeight` rather than into k clusters. */
  cutByHeight = $state(false);
  clustering = $state.raw<ClusterResult | null>(null);
  embedding = $state.raw<EmbedResult | null>(null);
  embedNote = $state<string | null>(null);
  selection = $state<Selection | null>(null);
  brushed = $state.raw<Brushed | null>(null);
  kSweep = $state.raw<KSweepResult | null>(null);

  /** Root for exports, from the core; each export suggests a new folder inside it. */
  exportRoot = $state('');
  exportDir = $state('');
  exported = $state.raw<ExportResult | null>(null);
  /** Where "Save analysis" writes next. */
  projectPath = $state('');
  /** The analysis file to open: the last one saved or opened, until edited. */
  openProjectPath = $state('');

  jobs = $state<Partial<Record<Slot, Job>>>({});
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  readonly api: FactorLensApi;
  readonly sweep: SweepState;
  readonly inspect: InspectState;
  #pendingPoints: FitPoint[] = [];
  #frame = 0;

  constructor(api: FactorLensApi) {
    this.api = api;
    this.sweep = new SweepState(this);
    this.inspect = new InspectState(this);
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
      this.projectPath ||= freshProjectPath(state.defaultExportDir);
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
    const validation = validationFromForm($state.snapshot(this.validationForm));
    if (!validation.ok) {
      this.error = validation.message;
      return;
    }
    const parsed = FitParamsSchema.safeParse({
      ...$state.snapshot(this.fitParams),
      validation: validation.value,
    });
    if (!parsed.success) {
      this.error = describeIssue(parsed.error.issues[0]);
      return;
    }
    const subset = this.subsetParams();
    if (subset === undefined) return;
    this.#resetFit();
    this.fitTarget = parsed.data.iterations;
    const result = await this.#run('fit', (jobId) =>
      this.api.fit({ jobId, datasetId: dataset.datasetId, params: parsed.data, subset }),
    );
    this.#flushPoints();
    if (!result) return;
    if (result.diagnostics.length > 0) this.fitPoints = result.diagnostics;
    this.fit = result;
    await this.refreshModels();
  }

  /**
   * The subset to fit on: null for all ratings, undefined (with the error shown) when the form
   * is invalid. A given split always fits on the whole release, so it ignores the subset.
   */
  subsetParams(): SubsetParams | null | undefined {
    const { enabled, ...form } = $state.snapshot(this.subset);
    if (!enabled || this.validationForm.kind === 'given') return null;
    const parsed = SubsetSchema.safeParse(blankToNull(form));
    if (!parsed.success) {
      this.error = describeIssue(parsed.error.issues[0]);
      return undefined;
    }
    return parsed.data;
  }

  /** Asks the core for the session's models (after a fit, a sweep cell or an opened file). */
  async refreshModels(): Promise<void> {
    try {
      this.models = await this.api.models({});
    } catch (error) {
      this.error = `Listing the models failed: ${errorLine(error)}`;
    }
  }

  /** Makes another model of this session the current one ("use this model"). */
  useModel(modelId: string): void {
    const model = this.models.find((m) => m.modelId === modelId);
    if (!model || model.modelId === this.fit?.modelId) return;
    this.#flushPoints();
    this.fit = model;
    this.fitPoints = model.diagnostics;
    this.fitTarget = Math.max(model.iterations, 2);
    this.#resetClustering();
    this.notice = `Now using model ${describeModelBrief(model)}.`;
  }

  /** Saves the current model to a file on the machine running the core. */
  async saveModel(path: string): Promise<void> {
    const fit = this.fit;
    if (!fit) return;
    try {
      const saved = await this.api.saveModel({ modelId: fit.modelId, path: path.trim() });
      this.error = null;
      this.lastSavedPath = saved.path;
      this.notice = `Saved the model to ${saved.path} (${Math.ceil(saved.bytes / 1024)} KB).`;
    } catch (error) {
      this.error = `Saving the model failed: ${errorLine(error)}`;
    }
  }

  /** Reopens a saved model on the open dataset and makes it the current one. */
  async openModel(path: string): Promise<void> {
    const dataset = this.dataset;
    if (!dataset) return;
    try {
      const model = await this.api.openModel({ datasetId: dataset.datasetId, path: path.trim() });
      this.error = null;
      await this.refreshModels();
      this.useModel(model.modelId);
      this.notice = `Opened ${path.trim()}: ${describeModelBrief(model)}.`;
    } catch (error) {
      this.error = `Opening the model failed: ${errorLine(error)}`;
    }
  }

  /** Saves the whole analysis of the open dataset (models, clusterings, maps, pins) to a file. */
  async saveProject(path: string): Promise<void> {
    const dataset = this.dataset;
    if (!dataset) return;
    try {
      const saved = await this.api.saveProject({
        datasetId: dataset.datasetId,
        path: path.trim(),
      });
      this.error = null;
      this.openProjectPath = saved.path;
      this.projectPath = freshProjectPath(this.exportRoot);
      this.notice = `Saved the analysis to ${saved.path} (${Math.ceil(saved.bytes / 1024)} KB).`;
    } catch (error) {
      this.error = `Saving the analysis failed: ${errorLine(error)}`;
    }
  }

  /**
   * Reopens a saved analysis without recomputing: its dataset, its models (the last one
   * current) and the clustering of that model with its map and pinned picks.
   */
  async openProject(path: string): Promise<void> {
    const file = path.trim();
    if (!file) return;
    const seen = { failure: '' };
    const result = await this.#run('load', (jobId) =>
      this.api.openProject({ jobId, path: file }).catch((error: unknown) => {
        seen.failure = errorLine(error);
        throw error;
      }),
    );
    if (!result) {
      // A failure (not a cancel) is reported as the analysis', in one line.
      if (seen.failure && this.error) this.error = `Opening the analysis failed: ${seen.failure}`;
      return;
    }
    this.#setDataset(result.dataset);
    this.models = result.models;
    const model = result.models.at(-1) ?? null;
    if (model) {
      this.fit = model;
      this.fitPoints = model.diagnostics;
      this.fitTarget = Math.max(model.iterations, 2);
    }
    const saved =
      result.clusterings.findLast((c) => c.clustering.modelId === model?.modelId) ??
      result.clusterings.at(-1) ??
      null;
    if (saved) {
      if (saved.clustering.modelId !== model?.modelId) {
        const owner = result.models.find((m) => m.modelId === saved.clustering.modelId);
        if (owner) {
          this.fit = owner;
          this.fitPoints = owner.diagnostics;
          this.fitTarget = Math.max(owner.iterations, 2);
        }
      }
      this.clustering = saved.clustering;
      this.embedding = saved.embedding;
      this.clusterParams = { ...saved.clustering.params };
      this.cutByHeight = saved.clustering.params.cutHeight !== null;
    }
    this.openProjectPath = file;
    this.step = saved ? 'cluster' : model ? 'fit' : 'dataset';
    const parts = [
      `${result.models.length} model${result.models.length === 1 ? '' : 's'}`,
      `${result.clusterings.length} clustering${result.clusterings.length === 1 ? '' : 's'}`,
    ];
    this.notice = `Opened the analysis ${file}: ${parts.join(', ')}.`;
  }

  /** Offers the given split only where the release ships one; falls back to none elsewhere. */
  get givenSplitOffered(): boolean {
    return offersGivenSplit(this.dataset);
  }

  /** Scores both methods at k = 2…15 on the current model (SPEC §4's k-sweep). */
  async runKSweep(): Promise<void> {
    const fit = this.fit;
    if (!fit || fit.status === 'diverged') return;
    const p = this.clusterParams;
    this.kSweep = null;
    const result = await this.#run('ksweep', (jobId) =>
      this.api.kSweep({
        jobId,
        modelId: fit.modelId,
        ks: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        restarts: p.restarts,
        seed: p.seed,
        linkage: p.linkage,
      }),
    );
    if (result && this.fit?.modelId === fit.modelId) this.kSweep = result;
  }

  /** Pins a candidate as a cluster's representative movie; null restores the nearest one. */
  async pin(method: MethodName, cluster: number, movieId: number | null): Promise<void> {
    const clustering = this.clustering;
    if (!clustering) return;
    try {
      const result = await this.api.pinRepresentative({
        clusteringId: clustering.clusteringId,
        method,
        cluster,
        movieId,
      });
      if (this.clustering?.clusteringId === result.clusteringId) this.clustering = result;
    } catch (error) {
      this.error = `Pinning failed: ${errorLine(error)}`;
    }
  }

  /** Clusters the current model, then starts the UMAP embedding of the same points. */
  async runCluster(): Promise<void> {
    const fit = this.fit;
    if (!fit || fit.status === 'diverged') return;
    const form = $state.snapshot(this.clusterParams);
    const parsed = ClusterParamsSchema.safeParse({
      ...form,
      cutHeight: this.cutByHeight ? form.cutHeight : null,
    });
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

  /** Points brushed on a map; null or an empty list clears the brush. */
  brush(method: MethodName, indices: number[] | null): void {
    this.brushed = indices && indices.length > 0 ? { method, indices } : null;
  }

  dismissError(): void {
    this.error = null;
  }

  /**
   * Runs one job in a slot: progress routed to it, cancellation and failure reported once, in
   * the banner. Resolves null when the job failed or was cancelled.
   */
  runJob<T>(slot: Slot, call: (jobId: string) => Promise<T>): Promise<T | null> {
    return this.#run(slot, call);
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
    const sweepJob = this.jobs.sweep;
    if (sweepJob && event.jobId.startsWith(`${sweepJob.id}/`)) {
      // The fit of one sweep cell (the core names them `<sweep job>/<cell>`): its progress
      // refines the sweep's fraction between finished cells.
      sweepJob.fraction = this.sweep.cellProgress(event.jobId, event.fraction);
      return;
    }
    const slot = (Object.keys(this.jobs) as Slot[]).find((s) => this.jobs[s]?.id === event.jobId);
    if (!slot) return;
    const job = this.jobs[slot]!;
    if (slot === 'sweep') {
      if (event.sweepCell) this.sweep.addCell(event.sweepCell);
      job.fraction = this.sweep.fraction(event.fraction);
      if (!job.cancelling) job.message = this.sweep.describeProgress();
    } else {
      job.fraction = event.fraction;
      if (!job.cancelling) job.message = event.message;
    }
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
    this.sweep.reset();
    this.models = [];
    if (!offersGivenSplit(summary) && this.validationForm.kind === 'given') {
      this.validationForm.kind = 'none';
    }
    // Sweeps select models on held-out RMSE: on 100K, its published u1 split by default.
    this.sweep.form.validation.kind = offersGivenSplit(summary) ? 'given' : 'holdout';
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
    this.brushed = null;
    this.exported = null;
    if (this.kSweep && this.kSweep.modelId !== this.fit?.modelId) this.kSweep = null;
  }
}

function describeModelBrief(m: FitResult): string {
  const p = m.params;
  return `${p.solver === 'als' ? 'ALS' : 'GD'}, K = ${p.factors}, λ = ${p.lambda}`;
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
