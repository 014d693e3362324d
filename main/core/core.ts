/**
 * The transport-free core of FactorLens: owns datasets, models, clusterings and embeddings,
 * runs every heavy step on a worker thread, relays progress and writes exports. The Electron
 * shell, the browser-mode server and the CLI are thin adapters over this class.
 */
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import {
  type ClusterParams,
  type ClusterResult,
  type DatasetSummary,
  type EmbedParams,
  type EmbedResult,
  type ExportResult,
  type FitParams,
  type FitPoint,
  type FitResult,
  type ProgressEvent,
  type SubsetParams,
  type Result,
} from '../contract';
import type { Demographics, LoadedDataset } from '../../workers/data/load-dataset';
import type { RatingsMatrix } from '../../workers/engine/data/ratings-matrix';
import { describeSubset, isEmptySpec, selectSubset } from '../../workers/engine/data/subset';
import type { GradientDescentResult } from '../../workers/engine/fit/gradient-descent';
import type { ClusterJobInput, ClusterJobOutput } from '../../workers/cluster.worker';
import type { EmbedJobInput, EmbedJobOutput } from '../../workers/embed.worker';
import { CancelledError } from '../../workers/protocol';
import { runWorker, type WorkerJob } from './run-worker';
import { UserError } from './errors';
import { toClusterResult } from './cluster-result';
import { writeReport } from '../report/write-report';
import {
  GROUPLENS_BASE,
  RELEASE_FILES,
  defaultCacheDir,
  downloadRelease,
  releaseSize,
} from './download';
import { existsSync } from 'node:fs';

export interface Model {
  result: FitResult;
  dataset: StoredDataset;
  /** The rows fitted: the whole release or a subset of it. */
  rows: ModelRows;
  U: Float64Array;
  V: Float64Array;
}

/** A model's users and movies with what belongs to them, in the model's row order. */
export interface ModelRows {
  matrix: RatingsMatrix;
  titles: string[];
  genreNames: string[];
  /** nMovies × nGenres flags. */
  movieGenres: Uint8Array;
  demographics: Demographics | null;
}

export interface StoredDataset {
  summary: DatasetSummary;
  data: LoadedDataset;
}

export interface Clustering {
  result: ClusterResult;
  model: Model;
  uvStd: Float64Array;
  embedding: EmbedResult | null;
}

export interface CoreOptions {
  /** Folder holding the built worker entry files (`fit.js`, …). */
  workerDir: string;
  /** The bundled synthetic demo release, opened when no path is given. */
  demoDir: string;
  /** Where downloaded releases are cached (default: the user's cache folder). */
  cacheDir?: string;
  /** GroupLens' dataset folder; FACTORLENS_DOWNLOAD_BASE overrides it (tests, mirrors). */
  downloadBase?: string;
}

type Listener = (event: ProgressEvent) => void;

export class FactorLensCore {
  private readonly datasets = new Map<string, StoredDataset>();
  private readonly models = new Map<string, Model>();
  private readonly clusterings = new Map<string, Clustering>();
  private readonly jobs = new Map<string, WorkerJob<unknown> | { cancel(): void }>();
  private readonly listeners = new Set<Listener>();
  /** Seconds spent per stage in the latest run of each, for summaries and benchmarks. */
  readonly timings: Record<string, number> = {};

  constructor(private readonly options: CoreOptions) {}

  onProgress(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ProgressEvent): void {
    for (const l of this.listeners) l(event);
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.cancel();
    return true;
  }

  private async track<O>(jobId: string, job: WorkerJob<O>): Promise<O> {
    if (this.jobs.has(jobId)) throw new UserError(`job id ${jobId} is already running`);
    this.jobs.set(jobId, job);
    try {
      return await job.promise;
    } finally {
      this.jobs.delete(jobId);
    }
  }

  // -------------------------------------------------------------------------------------------

  async openDataset(jobId: string, path: string | null): Promise<DatasetSummary> {
    const dir = path ?? this.options.demoDir;
    const started = performance.now();
    const job = runWorker<LoadedDataset>(
      this.options.workerDir,
      'load',
      { path: dir },
      {
        onProgress: (fraction, message) => this.emit({ jobId, stage: 'load', fraction, message }),
      },
    );
    const data = await this.track(jobId, job);
    const summary: DatasetSummary = { ...data.summary, datasetId: `d-${randomUUID().slice(0, 8)}` };
    this.datasets.set(summary.datasetId, { summary, data });
    this.timings.load = (performance.now() - started) / 1000;
    this.emit({ jobId, stage: 'load', fraction: 1, message: `opened ${basename(dir)}` });
    return summary;
  }

  private get downloadOptions() {
    return {
      cacheDir: this.options.cacheDir ?? defaultCacheDir(),
      baseUrl: this.options.downloadBase ?? process.env.FACTORLENS_DOWNLOAD_BASE ?? GROUPLENS_BASE,
    };
  }

  async releases(): Promise<Result<'releases'>> {
    const { cacheDir, baseUrl } = this.downloadOptions;
    const sizes = await Promise.all(
      Object.keys(RELEASE_FILES).map((r) => releaseSize(r, baseUrl).catch(() => null)),
    );
    return Object.entries(RELEASE_FILES).map(([release, file], i) => ({
      release,
      file,
      url: new URL(file, baseUrl).toString(),
      sizeBytes: sizes[i],
      cached: existsSync(join(cacheDir, file)),
    }));
  }

  /** Downloads (or finds in the cache) a GroupLens release, then opens it. */
  async downloadRelease(jobId: string, release: string): Promise<DatasetSummary> {
    const controller = new AbortController();
    if (this.jobs.has(jobId)) throw new UserError(`job id ${jobId} is already running`);
    this.jobs.set(jobId, { cancel: () => controller.abort() });
    let path: string;
    try {
      const r = await downloadRelease(release, {
        ...this.downloadOptions,
        signal: controller.signal,
        onProgress: (bytes, total) =>
          this.emit({
            jobId,
            stage: 'load',
            fraction: total ? bytes / total : null,
            message: `downloading ${RELEASE_FILES[release]}: ${(bytes / 1e6).toFixed(1)}${total ? ` of ${(total / 1e6).toFixed(1)}` : ''} MB`,
          }),
      });
      path = r.path;
    } catch (e) {
      if (controller.signal.aborted) throw new CancelledError();
      throw e;
    } finally {
      this.jobs.delete(jobId);
    }
    return this.openDataset(jobId, path);
  }

  getDataset(datasetId: string): StoredDataset {
    const d = this.datasets.get(datasetId);
    if (!d) throw new UserError(`no open dataset with id ${datasetId}; open a dataset first`);
    return d;
  }

  /** The rows of a subset (or of the whole release), with titles, genres and demographics. */
  private modelRows(dataset: StoredDataset, subset: SubsetParams | null): ModelRows {
    const d = dataset.data;
    if (subset === null || isEmptySpec(subset)) {
      return {
        matrix: d.matrix,
        titles: d.titles,
        genreNames: d.genreNames,
        movieGenres: d.movieGenres,
        demographics: d.demographics,
      };
    }
    let s;
    try {
      s = selectSubset(d.matrix, subset);
    } catch (e) {
      throw new UserError(e instanceof Error ? e.message : String(e));
    }
    const g = d.genreNames.length;
    const movieGenres = new Uint8Array(s.movieRows.length * g);
    s.movieRows.forEach((j, k) =>
      movieGenres.set(d.movieGenres.subarray(j * g, (j + 1) * g), k * g),
    );
    const dem = d.demographics;
    return {
      matrix: s.matrix,
      titles: Array.from(s.movieRows, (j) => d.titles[j]),
      genreNames: d.genreNames,
      movieGenres,
      demographics: dem
        ? {
            age: Float64Array.from(s.userRows, (i) => dem.age[i]),
            gender: Uint8Array.from(s.userRows, (i) => dem.gender[i]),
            occupation: Int32Array.from(s.userRows, (i) => dem.occupation[i]),
            occupationNames: dem.occupationNames,
          }
        : null,
    };
  }

  async fit(
    jobId: string,
    datasetId: string,
    params: FitParams,
    subset: SubsetParams | null = null,
  ): Promise<FitResult> {
    const dataset = this.getDataset(datasetId);
    const rows = this.modelRows(dataset, subset);
    const m = rows.matrix;
    const started = performance.now();
    const ratings = {
      nUsers: m.nUsers,
      nMovies: m.nMovies,
      nRatings: m.nRatings,
      userPtr: m.userPtr,
      userCol: m.userCol,
      userVal: m.userVal,
      moviePtr: m.moviePtr,
      movieCol: m.movieCol,
      movieVal: m.movieVal,
    };
    const job = runWorker<GradientDescentResult>(
      this.options.workerDir,
      'fit',
      { ratings, params },
      {
        // A cancelled fit returns the model so far; give it time to finish its iteration.
        cancelGraceMs: 2000,
        onProgress: (fraction, message, data) =>
          this.emit({ jobId, stage: 'fit', fraction, message, fitPoints: data as FitPoint[] }),
      },
    );
    const out = await this.track(jobId, job);
    const seconds = (performance.now() - started) / 1000;
    this.timings.train = seconds;
    const result: FitResult = {
      modelId: `m-${randomUUID().slice(0, 8)}`,
      datasetId,
      params,
      subset:
        subset && rows.matrix !== dataset.data.matrix
          ? {
              spec: subset,
              description: describeSubset(subset),
              users: m.nUsers,
              movies: m.nMovies,
              ratings: m.nRatings,
            }
          : null,
      status: out.status,
      iterations: out.iterations,
      diagnostics: out.diagnostics,
      divergence: out.divergence,
      seconds,
    };
    this.models.set(result.modelId, { result, dataset, rows, U: out.U, V: out.V });
    return result;
  }

  getModel(modelId: string): Model {
    const m = this.models.get(modelId);
    if (!m) throw new UserError(`no model with id ${modelId}; fit a model first`);
    return m;
  }

  async cluster(jobId: string, modelId: string, params: ClusterParams): Promise<ClusterResult> {
    const model = this.getModel(modelId);
    if (model.result.status === 'diverged') {
      throw new UserError(
        `model ${modelId} diverged; fit again with a smaller alpha before clustering`,
      );
    }
    const data = model.rows;
    const m = data.matrix;
    const counts = new Int32Array(m.nMovies);
    for (let j = 0; j < m.nMovies; j++) counts[j] = m.moviePtr[j + 1] - m.moviePtr[j];
    const input: ClusterJobInput = {
      U: model.U,
      V: model.V,
      nUsers: m.nUsers,
      nMovies: m.nMovies,
      factors: model.result.params.factors,
      params,
      ratingCounts: counts,
      movieGenres: data.movieGenres,
      nGenres: data.genreNames.length,
      demographics: data.demographics,
    };
    const started = performance.now();
    const job = runWorker<ClusterJobOutput>(this.options.workerDir, 'cluster', input, {
      onProgress: (fraction, message) => this.emit({ jobId, stage: 'cluster', fraction, message }),
    });
    const out = await this.track(jobId, job);
    const seconds = (performance.now() - started) / 1000;
    this.timings.cluster = seconds;
    const result = toClusterResult(`c-${randomUUID().slice(0, 8)}`, model, params, out, seconds);
    this.clusterings.set(result.clusteringId, { result, model, uvStd: out.uvStd, embedding: null });
    return result;
  }

  getClustering(clusteringId: string): Clustering {
    const c = this.clusterings.get(clusteringId);
    if (!c) throw new UserError(`no clustering with id ${clusteringId}; cluster a model first`);
    return c;
  }

  async embed(jobId: string, clusteringId: string, params: EmbedParams): Promise<EmbedResult> {
    const c = this.getClustering(clusteringId);
    const r = c.result;
    const input: EmbedJobInput = {
      X: c.uvStd,
      n: r.points.kind.length,
      d: c.model.result.params.factors,
      params,
      labels: {
        kmeans: Int32Array.from(r.methods.kmeans.labels),
        ward: Int32Array.from(r.methods.ward.labels),
      },
    };
    const started = performance.now();
    const job = runWorker<EmbedJobOutput>(this.options.workerDir, 'embed', input, {
      onProgress: (fraction, message) => this.emit({ jobId, stage: 'embed', fraction, message }),
    });
    const out = await this.track(jobId, job);
    const seconds = (performance.now() - started) / 1000;
    this.timings.embed = seconds;
    const result: EmbedResult = {
      clusteringId,
      params,
      x: Array.from(out.x),
      y: Array.from(out.y),
      consistency: out.consistency,
      seconds,
    };
    c.embedding = result;
    return result;
  }

  async exportReport(
    jobId: string,
    clusteringId: string,
    dir: string,
    overwrite = false,
  ): Promise<ExportResult> {
    const c = this.getClustering(clusteringId);
    const started = performance.now();
    this.emit({ jobId, stage: 'export', fraction: 0, message: `writing report to ${dir}` });
    const m = c.model.rows.matrix;
    const written = await writeReport(
      dir,
      {
        dataset: c.model.dataset.summary,
        fit: c.model.result,
        clustering: c.result,
        embedding: c.embedding,
        factors: {
          k: c.model.result.params.factors,
          userIds: m.userIds,
          movieIds: m.movieIds,
          movieTitles: c.model.rows.titles,
          U: c.model.U,
          V: c.model.V,
        },
        uvStd: c.uvStd,
        generatedAt: new Date().toISOString(),
        timings: { ...this.timings },
      },
      { overwrite },
    );
    this.timings.report = (performance.now() - started) / 1000;
    this.emit({
      jobId,
      stage: 'export',
      fraction: 1,
      message: `wrote ${written.files.length} files`,
    });
    return { dir: written.dir, files: written.files, reportUrl: null };
  }
}

export const defaultExportDir = (home: string) => join(home, 'FactorLens reports');
