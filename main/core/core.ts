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
  type KSweepResult,
  type FitParams,
  type FitPoint,
  type FitResult,
  type MethodName,
  type ProgressEvent,
  type SubsetParams,
  type Result,
  type SweepCell,
  type Validation,
} from '../contract';
import type { Demographics, LoadedDataset } from '../../workers/data/load-dataset';
import type { RatingsMatrix } from '../../workers/engine/data/ratings-matrix';
import { describeSubset, isEmptySpec, selectSubset } from '../../workers/engine/data/subset';
import type { FitInput, FitOutput } from '../../workers/fit.worker';
import type { SparseRatings } from '../../workers/engine/fit/gradient-descent';
import { readGivenSplit } from './given-split';
import { runSweep, sweepCellResult } from '../../workers/engine/fit/sweep';
import { wardSize } from '../../workers/engine/cluster/ward-limit';
import type { KSweepJobInput, KSweepJobOutput } from '../../workers/ksweep.worker';
import type { ClusterJobInput, ClusterJobOutput } from '../../workers/cluster.worker';
import type { EmbedJobInput, EmbedJobOutput } from '../../workers/embed.worker';
import { CancelledError } from '../../workers/protocol';
import { runWorker, type WorkerJob } from './run-worker';
import { UserError } from './errors';
import { movieRefOf, toClusterResult } from './cluster-result';
import { writeReport } from '../report/write-report';
import {
  GROUPLENS_BASE,
  RELEASE_FILES,
  defaultCacheDir,
  downloadRelease,
  releaseSize,
} from './download';
import { existsSync } from 'node:fs';
import { readModel, saveModel } from './model-file';
import { readProject, writeProject } from './project-file';

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
  /**
   * Heap cap per worker thread in MB (none by default): on a shared workstation a runaway job
   * then fails alone, reported as an error, instead of taking the machine's memory.
   */
  workerMemoryMb?: number;
}

type Listener = (event: ProgressEvent) => void;

export class FactorLensCore {
  private readonly datasets = new Map<string, StoredDataset>();
  private readonly models = new Map<string, Model>();
  private readonly clusterings = new Map<string, Clustering>();
  private readonly jobs = new Map<string, { cancel(): void }>();
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

  /** Starts a job on a fresh worker thread, under the memory cap when one is set. */
  private run<O>(
    name: string,
    input: unknown,
    options: Parameters<typeof runWorker>[3] = {},
  ): WorkerJob<O> {
    const mb = this.options.workerMemoryMb;
    return runWorker<O>(this.options.workerDir, name, input, {
      ...options,
      ...(mb ? { resourceLimits: { maxOldGenerationSizeMb: mb } } : {}),
    });
  }

  /** Cancels every running job (the desktop menu's Cancel); returns how many there were. */
  cancelAll(): number {
    const ids = [...this.jobs.keys()];
    for (const id of ids) this.cancel(id);
    return ids.length;
  }

  /** Runs `work` registered under `jobId`, so that `cancel(jobId)` reaches it. */
  private async asJob<O>(jobId: string, cancel: () => void, work: () => Promise<O>): Promise<O> {
    if (this.jobs.has(jobId)) throw new UserError(`job id ${jobId} is already running`);
    this.jobs.set(jobId, { cancel });
    try {
      return await work();
    } finally {
      this.jobs.delete(jobId);
    }
  }

  private track<O>(jobId: string, job: WorkerJob<O>): Promise<O> {
    return this.asJob(
      jobId,
      () => job.cancel(),
      () => job.promise,
    );
  }

  // -------------------------------------------------------------------------------------------

  async openDataset(jobId: string, path: string | null): Promise<DatasetSummary> {
    const dir = path ?? this.options.demoDir;
    const started = performance.now();
    const job = this.run<LoadedDataset>(
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
    const path = await this.asJob(
      jobId,
      () => controller.abort(),
      async () => {
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
          return r.path;
        } catch (e) {
          if (controller.signal.aborted) throw new CancelledError();
          throw e;
        }
      },
    );
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
    return this.rowsFor(dataset, s.matrix, s.userRows, s.movieRows);
  }

  async fit(
    jobId: string,
    datasetId: string,
    params: FitParams,
    subset: SubsetParams | null = null,
  ): Promise<FitResult> {
    const dataset = this.getDataset(datasetId);
    const v = params.validation;
    let rows: ModelRows;
    let test: RatingsMatrix | null = null;
    let dropped = 0;
    if (v.kind === 'given') {
      if (subset && !isEmptySpec(subset)) {
        throw new UserError('a given split cannot be combined with a subset; choose one');
      }
      const given = readGivenSplit(
        dataset.summary.path,
        v.train,
        v.test,
        dataset.summary.ratingScale,
      );
      rows = this.rowsOf(dataset, given.train);
      test = given.test;
      dropped = Object.values(given.dropped).reduce((a, b) => a + b, 0);
    } else {
      rows = this.modelRows(dataset, subset);
    }
    const m = rows.matrix;
    const started = performance.now();
    const input: FitInput = {
      ratings: sparse(m),
      params,
      test: test && sparse(test),
      workerDir: this.options.workerDir,
    };
    const job = this.run<FitOutput>('fit', input, {
      // A cancelled fit returns the model so far; give it time to finish its iteration.
      cancelGraceMs: 2000,
      onProgress: (fraction, message, data) =>
        this.emit({ jobId, stage: 'fit', fraction, message, fitPoints: data as FitPoint[] }),
    });
    const out = await this.track(jobId, job);
    const seconds = (performance.now() - started) / 1000;
    this.timings.train = seconds;
    const result: FitResult = {
      modelId: `m-${randomUUID().slice(0, 8)}`,
      datasetId,
      params,
      subset:
        subset && rows.matrix !== dataset.data.matrix && v.kind !== 'given'
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
      validation:
        v.kind === 'none'
          ? null
          : {
              description: describeValidation(v),
              trainRatings: out.trainRatings,
              testRatings: out.testRatings,
              dropped,
            },
      seconds,
    };
    this.models.set(result.modelId, { result, dataset, rows, U: out.U, V: out.V });
    return result;
  }

  /** Rows for a matrix with its own index space (a given split's training file), by id. */
  private rowsOf(dataset: StoredDataset, matrix: RatingsMatrix): ModelRows {
    const base = dataset.data.matrix;
    const index = (ids: Int32Array) => new Map(Array.from(ids, (id, i) => [id, i]));
    const movieRow = index(base.movieIds);
    const userRow = index(base.userIds);
    const rowsOfIds = (ids: Int32Array, rows: Map<number, number>) =>
      Array.from(ids, (id) => rows.get(id) ?? -1);
    return this.rowsFor(
      dataset,
      matrix,
      rowsOfIds(matrix.userIds, userRow),
      rowsOfIds(matrix.movieIds, movieRow),
    );
  }

  /**
   * Titles, genres and demographics for a matrix whose user and movie rows map to the
   * release's rows (−1: not in the release, e.g. a movie only a split file names).
   */
  private rowsFor(
    dataset: StoredDataset,
    matrix: RatingsMatrix,
    userRows: ArrayLike<number>,
    movieRows: ArrayLike<number>,
  ): ModelRows {
    const base = dataset.data;
    const g = base.genreNames.length;
    const movieGenres = new Uint8Array(movieRows.length * g);
    const titles = Array.from(movieRows, (j, k) => {
      if (j < 0) return '';
      movieGenres.set(base.movieGenres.subarray(j * g, (j + 1) * g), k * g);
      return base.titles[j];
    });
    const dem = base.demographics;
    return {
      matrix,
      titles,
      genreNames: base.genreNames,
      movieGenres,
      demographics: dem
        ? {
            age: Float64Array.from(userRows, (i) => (i >= 0 ? dem.age[i] : NaN)),
            gender: Uint8Array.from(userRows, (i) => (i >= 0 ? dem.gender[i] : 0)),
            occupation: Int32Array.from(userRows, (i) => (i >= 0 ? dem.occupation[i] : -1)),
            occupationNames: dem.occupationNames,
          }
        : null,
    };
  }

  /**
   * Fits one model per (K, λ) cell, `concurrency` at a time (each on its own worker thread).
   * Cancelling stops new cells and cancels those in flight; finished cells are kept.
   */
  async sweep(
    jobId: string,
    datasetId: string,
    base: FitParams,
    subset: SubsetParams | null,
    cells: { factors: number; lambda: number }[],
    concurrency: number,
  ): Promise<{ cells: SweepCell[] }> {
    let cancelled = false;
    const running = new Set<string>();
    const cancel = () => {
      cancelled = true;
      for (const id of running) this.cancel(id);
    };
    const done: SweepCell[] = [];
    return this.asJob(jobId, cancel, async () => {
      const outcome = await runSweep(
        cells,
        async (cell, index) => {
          const id = `${jobId}/${index}`;
          running.add(id);
          try {
            const r = await this.fit(
              id,
              datasetId,
              { ...base, factors: cell.factors, lambda: cell.lambda },
              subset,
            );
            const record: SweepCell = {
              ...sweepCellResult(cell, r, r.seconds),
              modelId: r.modelId,
            };
            return record;
          } finally {
            running.delete(id);
          }
        },
        {
          concurrency,
          signal: {
            get aborted() {
              return cancelled;
            },
          },
          onCellDone: (_cell, record, index) => {
            done.push(record);
            this.emit({
              jobId,
              stage: 'fit',
              fraction: done.length / cells.length,
              message: `sweep: ${done.length} of ${cells.length} cells done (last: K = ${record.factors}, λ = ${record.lambda}, cell ${index + 1})`,
              sweepCell: record,
            });
          },
        },
      );
      return { cells: outcome.results.filter((r): r is SweepCell => r !== undefined) };
    });
  }

  /** Every model of this session, oldest first. */
  listModels(): FitResult[] {
    return [...this.models.values()].map((m) => m.result);
  }

  async saveModel(modelId: string, path: string): Promise<{ path: string; bytes: number }> {
    const m = this.getModel(modelId);
    const bytes = await saveModel(path, m.dataset.summary.name, {
      result: m.result,
      fingerprint: m.dataset.summary.fingerprint,
      userIds: m.rows.matrix.userIds,
      movieIds: m.rows.matrix.movieIds,
      U: m.U,
      V: m.V,
    });
    return { path, bytes };
  }

  /** Reopens a saved model on the dataset it was fitted to (same fingerprint, same rows). */
  openModel(datasetId: string, path: string): FitResult {
    const dataset = this.getDataset(datasetId);
    const saved = readModel(path);
    if (saved.fingerprint !== dataset.summary.fingerprint) {
      throw new UserError(
        `${path} was fitted to ${saved.datasetName} (fingerprint ${saved.fingerprint}), not to ${dataset.summary.name} (${dataset.summary.fingerprint}); open that dataset first`,
      );
    }
    const result: FitResult = {
      ...saved.result,
      modelId: `m-${randomUUID().slice(0, 8)}`,
      datasetId,
    };
    this.restoreModel(dataset, result, saved, path);
    return result;
  }

  /** Rebuilds a saved model's rows (whole release, subset or given split) and checks its ids. */
  private restoreModel(
    dataset: StoredDataset,
    result: FitResult,
    saved: { userIds: Int32Array; movieIds: Int32Array; U: Float64Array; V: Float64Array },
    path: string,
  ): void {
    const v = result.params.validation;
    const rows =
      v.kind === 'given'
        ? this.rowsOf(
            dataset,
            readGivenSplit(dataset.summary.path, v.train, v.test, dataset.summary.ratingScale)
              .train,
          )
        : this.modelRows(dataset, result.subset?.spec ?? null);
    const same = (a: Int32Array, b: Int32Array) =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    if (!same(rows.matrix.userIds, saved.userIds) || !same(rows.matrix.movieIds, saved.movieIds)) {
      throw new UserError(
        `${path}: its users and movies differ from the dataset's; the file does not belong to it`,
      );
    }
    this.models.set(result.modelId, { result, dataset, rows, U: saved.U, V: saved.V });
  }

  /** Saves the dataset reference, its models and clusterings (with maps and pins) to one file. */
  async saveProject(datasetId: string, path: string): Promise<{ path: string; bytes: number }> {
    const dataset = this.getDataset(datasetId);
    const models = [...this.models.values()].filter((m) => m.dataset === dataset);
    const clusterings = [...this.clusterings.values()].filter((c) => c.model.dataset === dataset);
    const bytes = await writeProject(path, {
      dataset: {
        path: dataset.summary.path,
        name: dataset.summary.name,
        fingerprint: dataset.summary.fingerprint,
      },
      models: models.map((m) => ({
        result: m.result,
        userIds: m.rows.matrix.userIds,
        movieIds: m.rows.matrix.movieIds,
        U: m.U,
        V: m.V,
      })),
      clusterings: clusterings.map((c) => ({
        result: c.result,
        uvStd: c.uvStd,
        embedding: c.embedding,
      })),
    });
    return { path, bytes };
  }

  /** Reopens a saved analysis: the dataset (checked by fingerprint), models, clusterings, maps. */
  async openProject(jobId: string, path: string): Promise<Result<'openProject'>> {
    const project = readProject(path);
    const summary = await this.openDataset(jobId, project.dataset.path);
    if (summary.fingerprint !== project.dataset.fingerprint) {
      throw new UserError(
        `${project.dataset.path} has changed since the analysis was saved (fingerprint ${summary.fingerprint}, saved ${project.dataset.fingerprint})`,
      );
    }
    const dataset = this.getDataset(summary.datasetId);
    const models: FitResult[] = [];
    const ids = new Map<string, string>();
    for (const m of project.models) {
      const result: FitResult = {
        ...m.result,
        modelId: `m-${randomUUID().slice(0, 8)}`,
        datasetId: summary.datasetId,
      };
      ids.set(m.result.modelId, result.modelId);
      this.restoreModel(dataset, result, m, path);
      models.push(result);
    }
    const clusterings = project.clusterings.flatMap((c) => {
      const modelId = ids.get(c.result.modelId);
      if (!modelId) return [];
      const clusteringId = `c-${randomUUID().slice(0, 8)}`;
      const result: ClusterResult = { ...c.result, clusteringId, modelId };
      const embedding = c.embedding ? { ...c.embedding, clusteringId } : null;
      this.clusterings.set(clusteringId, {
        result,
        model: this.getModel(modelId),
        uvStd: c.uvStd,
        embedding,
      });
      return [{ clustering: result, embedding }];
    });
    return { dataset: summary, models, clusterings };
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
    if (params.linkage === 'ward') {
      const size = wardSize(m.nUsers + m.nMovies, model.result.params.factors);
      if (!size.ok) throw new UserError(size.message ?? 'Ward linkage refused');
    }
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
    const job = this.run<ClusterJobOutput>('cluster', input, {
      onProgress: (fraction, message) => this.emit({ jobId, stage: 'cluster', fraction, message }),
    });
    const out = await this.track(jobId, job);
    const seconds = (performance.now() - started) / 1000;
    this.timings.cluster = seconds;
    const result = toClusterResult(`c-${randomUUID().slice(0, 8)}`, model, params, out, seconds);
    this.clusterings.set(result.clusteringId, { result, model, uvStd: out.uvStd, embedding: null });
    return result;
  }

  /** Scores both methods at every k on the model's UVstd (SPEC §4's k-sweep). */
  async kSweep(
    jobId: string,
    modelId: string,
    o: { ks: number[]; restarts: number; seed: number; linkage: 'ward' | 'average' | 'complete' },
  ): Promise<KSweepResult> {
    const model = this.getModel(modelId);
    if (model.result.status === 'diverged')
      throw new UserError(`model ${modelId} diverged; fit again before a k-sweep`);
    const m = model.rows.matrix;
    const n = m.nUsers + m.nMovies;
    if (o.linkage === 'ward') {
      const size = wardSize(n, model.result.params.factors);
      if (!size.ok) throw new UserError(size.message ?? `Ward linkage refused for ${n} points`);
    }
    const started = performance.now();
    const input: KSweepJobInput = {
      U: model.U,
      V: model.V,
      nUsers: m.nUsers,
      nMovies: m.nMovies,
      factors: model.result.params.factors,
      ...o,
    };
    const job = this.run<KSweepJobOutput>('ksweep', input, {
      onProgress: (fraction, message) =>
        this.emit({ jobId, stage: 'cluster', fraction, message: `k-sweep: ${message}` }),
    });
    const out = await this.track(jobId, job);
    return { modelId, linkage: o.linkage, ...out, seconds: (performance.now() - started) / 1000 };
  }

  getClustering(clusteringId: string): Clustering {
    const c = this.clusterings.get(clusteringId);
    if (!c) throw new UserError(`no clustering with id ${clusteringId}; cluster a model first`);
    return c;
  }

  /**
   * Pins a movie of a cluster as its representative (SPEC §4: "let the person pin another");
   * null restores the nearest candidate. Reports and later exports show the pick.
   */
  pinRepresentative(
    clusteringId: string,
    method: MethodName,
    cluster: number,
    movieId: number | null,
  ): ClusterResult {
    const c = this.getClustering(clusteringId);
    const r = c.result;
    const profile = r.methods[method].clusters[cluster];
    if (!profile)
      throw new UserError(
        `${method} has no cluster ${cluster} (it has ${r.methods[method].clusters.length})`,
      );
    if (movieId === null) {
      profile.representative = profile.candidates[0] ?? null;
      profile.pinned = false;
      return r;
    }
    const nUsers = c.model.rows.matrix.nUsers;
    const labels = r.methods[method].labels;
    const rowInPoints = r.points.id.findIndex((id, p) => p >= nUsers && id === movieId);
    if (rowInPoints < 0) throw new UserError(`movie ${movieId} is not in this clustering`);
    if (labels[rowInPoints] !== cluster) {
      throw new UserError(
        `movie ${movieId} belongs to ${method} cluster ${labels[rowInPoints]}, not cluster ${cluster}`,
      );
    }
    const d = c.model.result.params.factors;
    const centre = new Float64Array(d);
    let members = 0;
    labels.forEach((l, p) => {
      if (l !== cluster) return;
      members++;
      for (let k = 0; k < d; k++) centre[k] += c.uvStd[p * d + k];
    });
    let dist = 0;
    for (let k = 0; k < d; k++) dist += (c.uvStd[rowInPoints * d + k] - centre[k] / members) ** 2;
    profile.representative = movieRefOf(c.model, rowInPoints - nUsers, Math.sqrt(dist));
    profile.pinned = true;
    return r;
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
    const job = this.run<EmbedJobOutput>('embed', input, {
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

/** The arrays of a ratings matrix that solvers read (shared memory: no copy to the worker). */
function sparse(m: RatingsMatrix): SparseRatings {
  const { nUsers, nMovies, nRatings, userPtr, userCol, userVal, moviePtr, movieCol, movieVal } = m;
  return { nUsers, nMovies, nRatings, userPtr, userCol, userVal, moviePtr, movieCol, movieVal };
}

export function describeValidation(v: Validation): string {
  switch (v.kind) {
    case 'none':
      return 'no held-out ratings';
    case 'holdout':
      return `seeded hold-out of ${+(v.fraction * 100).toFixed(2)}% of the ratings`;
    case 'kfold':
      return `fold ${v.fold + 1} of a seeded ${v.folds}-fold split`;
    case 'given':
      return `the release's split: train on ${v.train}, test on ${v.test}`;
  }
}

export const defaultExportDir = (home: string) => join(home, 'FactorLens reports');
