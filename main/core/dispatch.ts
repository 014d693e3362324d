/**
 * Maps a validated request of the shared contract onto the core. Both transports (Electron IPC
 * and the browser-mode WebSocket) call this, so they cannot drift apart.
 */
import { join } from 'node:path';
import { type Method, type Params, type Result, parseParams } from '../contract';
import type { FactorLensCore } from './core';
import {
  fitVsObserved,
  recommend,
  searchMovies,
  similarMovies,
  userFactors,
} from './model-queries';

export interface DispatchContext {
  core: FactorLensCore;
  mode: 'electron' | 'browser';
  /** Dataset opened from the command line, shown at connection time. */
  initialDatasetId: string | null;
  /** Where exports go when the request names no folder. */
  exportRoot: string;
  /** Turns an export folder into an URL the renderer can open (browser mode). */
  reportUrl?: (dir: string) => string | null;
  /** Extra files the shell writes beside an export (the desktop app: report.pdf). */
  afterExport?: (dir: string) => Promise<string[]>;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

export async function dispatch<M extends Method>(
  ctx: DispatchContext,
  method: M,
  raw: unknown,
): Promise<Result<M>> {
  const { core } = ctx;
  const handlers: { [K in Method]: (p: Params<K>) => Promise<Result<K>> } = {
    getState: async () => ({
      dataset: ctx.initialDatasetId ? core.getDataset(ctx.initialDatasetId).summary : null,
      defaultExportDir: ctx.exportRoot,
      mode: ctx.mode,
    }),
    openDataset: (p) => core.openDataset(p.jobId, p.path),
    releases: () => core.releases(),
    downloadRelease: (p) => core.downloadRelease(p.jobId, p.release),
    fit: (p) => core.fit(p.jobId, p.datasetId, p.params, p.subset ?? null),
    cluster: (p) => core.cluster(p.jobId, p.modelId, p.params),
    embed: (p) => core.embed(p.jobId, p.clusteringId, p.params),
    exportReport: async (p) => {
      const dir = p.dir ?? join(ctx.exportRoot, `report-${timestamp()}`);
      const r = await core.exportReport(p.jobId, p.clusteringId, dir);
      const extra = (await ctx.afterExport?.(r.dir)) ?? [];
      return { ...r, files: [...r.files, ...extra], reportUrl: ctx.reportUrl?.(r.dir) ?? null };
    },
    sweep: (p) =>
      core.sweep(p.jobId, p.datasetId, p.base, p.subset ?? null, p.cells, p.concurrency),
    models: async () => core.listModels(),
    recommend: async (p) => recommend(core.getModel(p.modelId), p.userId, p.n),
    similarMovies: async (p) => similarMovies(core.getModel(p.modelId), p.movieId, p.n, p.metric),
    searchMovies: async (p) => searchMovies(core.getModel(p.modelId), p.query, p.limit),
    fitVsObserved: async (p) => fitVsObserved(core.getModel(p.modelId), p.bins),
    userFactors: async (p) => userFactors(core.getModel(p.modelId), p.rows),
    saveModel: (p) => core.saveModel(p.modelId, p.path),
    saveProject: (p) => core.saveProject(p.datasetId, p.path),
    openProject: (p) => core.openProject(p.jobId, p.path),
    openModel: async (p) => core.openModel(p.datasetId, p.path),
    kSweep: (p) =>
      core.kSweep(p.jobId, p.modelId, {
        ks: p.ks,
        restarts: p.restarts,
        seed: p.seed,
        linkage: p.linkage,
      }),
    pinRepresentative: async (p) =>
      core.pinRepresentative(p.clusteringId, p.method, p.cluster, p.movieId),
    cancel: async (p) => core.cancel(p.jobId),
  };
  const params = parseParams(method, raw);
  return handlers[method](params as never) as Promise<Result<M>>;
}
