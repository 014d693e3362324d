/**
 * Saved analyses: one JSON file holding the dataset reference and fingerprint, every model
 * (parameters, diagnostics, exact factors), every clustering (results, pinned picks, UVstd)
 * and its UMAP map, so reopening restores the same screens without recomputing.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  ClusterResultSchema,
  EmbedResultSchema,
  FitResultSchema,
  type ClusterResult,
  type EmbedResult,
  type FitResult,
} from '../contract';
import { writeFileAtomic } from '../report/write-report';
import { UserError } from './errors';
import { fromBase64, toBase64 } from './typed-base64';

const FORMAT = 'factorlens-project';
const VERSION = 1;

const ProjectSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  savedAt: z.string(),
  dataset: z.object({ path: z.string(), name: z.string(), fingerprint: z.string() }),
  models: z.array(
    z.object({
      result: FitResultSchema,
      userIds: z.string(),
      movieIds: z.string(),
      U: z.string(),
      V: z.string(),
    }),
  ),
  clusterings: z.array(
    z.object({
      result: ClusterResultSchema,
      uvStd: z.string(),
      embedding: EmbedResultSchema.nullable(),
    }),
  ),
});

export interface ProjectModel {
  result: FitResult;
  userIds: Int32Array;
  movieIds: Int32Array;
  U: Float64Array;
  V: Float64Array;
}

export interface ProjectClustering {
  result: ClusterResult;
  uvStd: Float64Array;
  embedding: EmbedResult | null;
}

export interface Project {
  dataset: { path: string; name: string; fingerprint: string };
  models: ProjectModel[];
  clusterings: ProjectClustering[];
}

export async function writeProject(path: string, p: Project): Promise<number> {
  const text = JSON.stringify({
    format: FORMAT,
    version: VERSION,
    savedAt: new Date().toISOString(),
    dataset: p.dataset,
    models: p.models.map((m) => ({
      result: m.result,
      userIds: toBase64(m.userIds),
      movieIds: toBase64(m.movieIds),
      U: toBase64(m.U),
      V: toBase64(m.V),
    })),
    clusterings: p.clusterings.map((c) => ({
      result: c.result,
      uvStd: toBase64(c.uvStd),
      embedding: c.embedding,
    })),
  });
  // The default folder (the export folder) may not exist before the first export.
  mkdirSync(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
  return Buffer.byteLength(text);
}

export function readProject(path: string): Project {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(
      `${path}: not a FactorLens analysis (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  }
  const parsed = ProjectSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(
      `${path}: not a FactorLens analysis (${z.prettifyError(parsed.error).replace(/\s*\n\s*/g, ' ')})`,
    );
  }
  const f = parsed.data;
  return {
    dataset: f.dataset,
    models: f.models.map((m) => ({
      result: m.result,
      userIds: fromBase64(m.userIds, Int32Array, 'analysis file: userIds'),
      movieIds: fromBase64(m.movieIds, Int32Array, 'analysis file: movieIds'),
      U: fromBase64(m.U, Float64Array, 'analysis file: U'),
      V: fromBase64(m.V, Float64Array, 'analysis file: V'),
    })),
    clusterings: f.clusterings.map((c) => ({
      result: c.result,
      uvStd: fromBase64(c.uvStd, Float64Array, 'analysis file: uvStd'),
      embedding: c.embedding,
    })),
  };
}
