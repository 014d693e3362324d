import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_PARAMS, DEFAULT_FIT_PARAMS, type FitResult } from '../contract';
import { FactorLensCore } from './core';
import {
  fitVsObserved,
  recommend,
  searchMovies,
  similarMovies,
  userFactors,
} from './model-queries';

const workerDir = join(process.cwd(), 'dist', 'node', 'workers');
const demoDir = join(process.cwd(), 'assets', 'demo');

describe('model queries and saved models (on the synthetic demo)', () => {
  const core = new FactorLensCore({ workerDir, demoDir });
  let fit: FitResult;
  let datasetId: string;
  beforeAll(async () => {
    datasetId = (await core.openDataset('load', null)).datasetId;
    fit = await core.fit('fit', datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.0005,
      iterations: 80,
      lambda: 1,
    });
  });

  it('recommends unrated movies by predicted rating, beside the user’s own top ratings', () => {
    const model = core.getModel(fit.modelId);
    const r = recommend(model, 1, 5);
    expect(r.recommended).toHaveLength(5);
    expect(r.topRated.length).toBeGreaterThan(0);
    const ratedIds = new Set(r.topRated.map((m) => m.id));
    for (const m of r.recommended) expect(ratedIds.has(m.id)).toBe(false);
    for (let k = 1; k < r.recommended.length; k++)
      expect(r.recommended[k - 1].predicted).toBeGreaterThanOrEqual(r.recommended[k].predicted);
    // The prediction is v·u, recomputed by hand from the factors.
    const m = model.rows.matrix;
    const K = fit.params.factors;
    const row = [...m.movieIds].indexOf(r.recommended[0].id);
    let dot = 0;
    for (let k = 0; k < K; k++) dot += model.V[row * K + k] * model.U[0 * K + k];
    expect(r.recommended[0].predicted).toBeCloseTo(dot, 12);
    expect(() => recommend(model, 99999, 5)).toThrow(/user 99999 is not in model/);
  });

  it('finds movies near a movie, excluding itself, ordered by cosine similarity', () => {
    const s = similarMovies(core.getModel(fit.modelId), 1, 5, 'cosine');
    expect(s.movie.id).toBe(1);
    expect(s.similar.map((m) => m.id)).not.toContain(1);
    for (let k = 1; k < s.similar.length; k++)
      expect(s.similar[k - 1].score).toBeGreaterThanOrEqual(s.similar[k].score);
    expect(s.similar[0].score).toBeLessThanOrEqual(1);
  });

  it('searches titles, most rated first', () => {
    const hits = searchMovies(core.getModel(fit.modelId), 'comedy', 5);
    expect(hits.length).toBe(5);
    for (const h of hits) expect(h.title.toLowerCase()).toContain('comedy');
    for (let k = 1; k < hits.length; k++)
      expect(hits[k - 1].ratings).toBeGreaterThanOrEqual(hits[k].ratings);
  });

  it('bins fitted values per observed rating, accounting for every rating', () => {
    const f = fitVsObserved(core.getModel(fit.modelId), 50);
    expect(f.series.map((s) => s.rating)).toEqual([1, 2, 3, 4, 5]);
    const total = f.series.reduce((a, s) => a + s.count, 0);
    expect(total).toBe(core.getModel(fit.modelId).rows.matrix.nRatings);
    for (const s of f.series) expect(s.bins.reduce((a, b) => a + b, 0)).toBe(s.count);
    // Higher observed ratings have higher mean fitted values on a model that fits at all.
    const mean = (s: (typeof f.series)[number]) =>
      s.bins.reduce((a, c, b) => a + c * (f.min + (b + 0.5) * f.binWidth), 0) / s.count;
    expect(mean(f.series[4])).toBeGreaterThan(mean(f.series[0]));
  });

  it('returns the first users’ factors in ascending id order', () => {
    const u = userFactors(core.getModel(fit.modelId), 10);
    expect(u.userIds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(u.values).toHaveLength(10 * fit.params.factors);
  });

  it('saves a model and reopens it with identical factors; refuses it on other data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-model-'));
    const path = join(dir, 'demo.factorlens-model.json');
    const { bytes } = await core.saveModel(fit.modelId, path);
    expect(bytes).toBeGreaterThan(1000);
    const reopened = core.openModel(datasetId, path);
    expect(reopened.modelId).not.toBe(fit.modelId);
    expect(reopened.diagnostics).toEqual(fit.diagnostics);
    expect(Array.from(core.getModel(reopened.modelId).V)).toEqual(
      Array.from(core.getModel(fit.modelId).V),
    );
    const other = await core.openDataset('other', 'fixtures/data/tiny-100k');
    expect(() => core.openModel(other.datasetId, path)).toThrow(
      /was fitted to demo .* not to tiny-100k/,
    );
    writeFileSync(join(dir, 'junk.json'), '{"format":"something else"}');
    expect(() => core.openModel(datasetId, join(dir, 'junk.json'))).toThrow(
      /not a FactorLens model file/,
    );
  });

  it('pins another movie of a cluster as its representative, and unpins it', async () => {
    const c = await core.cluster('c', fit.modelId, { ...DEFAULT_CLUSTER_PARAMS, restarts: 2 });
    const cluster = c.methods.kmeans.clusters.find((p) => p.candidates.length >= 2)!;
    const second = cluster.candidates[1];
    const pinned = core.pinRepresentative(c.clusteringId, 'kmeans', cluster.cluster, second.id);
    const p = pinned.methods.kmeans.clusters[cluster.cluster];
    expect(p.pinned).toBe(true);
    expect(p.representative!.id).toBe(second.id);
    expect(p.representative!.distance).toBeCloseTo(second.distance, 10);
    const other = c.methods.kmeans.clusters.find(
      (q) => q.cluster !== cluster.cluster && q.candidates.length > 0,
    )!;
    expect(() =>
      core.pinRepresentative(c.clusteringId, 'kmeans', cluster.cluster, other.candidates[0].id),
    ).toThrow(/belongs to kmeans cluster/);
    const restored = core.pinRepresentative(c.clusteringId, 'kmeans', cluster.cluster, null);
    expect(restored.methods.kmeans.clusters[cluster.cluster].pinned).toBe(false);
  });
});

describe('saved analyses', () => {
  it('reopens models, clusterings, maps and pins without recomputing', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const d = await core.openDataset('load', null);
    const fit = await core.fit('fit', d.datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.0005,
      iterations: 30,
    });
    const c = await core.cluster('c', fit.modelId, { ...DEFAULT_CLUSTER_PARAMS, restarts: 2 });
    const e = await core.embed('e', c.clusteringId, {
      seed: 1,
      nNeighbors: 10,
      nEpochs: 20,
      minDist: 0.1,
    });
    const cl = c.methods.ward.clusters.find((p) => p.candidates.length >= 2)!;
    core.pinRepresentative(c.clusteringId, 'ward', cl.cluster, cl.candidates[1].id);
    // Into a folder that does not exist yet: saving creates it.
    const path = join(
      mkdtempSync(join(tmpdir(), 'fl-proj-')),
      'not-yet',
      'analysis.factorlens.json',
    );
    await core.saveProject(d.datasetId, path);

    const fresh = new FactorLensCore({ workerDir, demoDir });
    const opened = await fresh.openProject('open', path);
    expect(opened.dataset.fingerprint).toBe(d.fingerprint);
    expect(opened.models).toHaveLength(1);
    expect(opened.models[0].diagnostics).toEqual(fit.diagnostics);
    const [{ clustering, embedding }] = opened.clusterings;
    expect(clustering.modelId).toBe(opened.models[0].modelId);
    expect(clustering.methods.kmeans.metrics).toEqual(c.methods.kmeans.metrics);
    expect(clustering.methods.ward.clusters[cl.cluster].pinned).toBe(true);
    expect(embedding!.x).toEqual(e.x);
    // The restored clustering is live: it can be exported again without recomputing.
    const out = join(mkdtempSync(join(tmpdir(), 'fl-proj-')), 'report');
    const exported = await fresh.exportReport('x', clustering.clusteringId, out);
    expect(exported.files).toContain('report.html');
  });

  it('refuses a file that is not an analysis', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const path = join(mkdtempSync(join(tmpdir(), 'fl-proj-')), 'x.json');
    writeFileSync(path, '[1,2,3]');
    await expect(core.openProject('o', path)).rejects.toThrow(/not a FactorLens analysis/);
  });
});
