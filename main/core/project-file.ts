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

const FORMAT = 'factorlens-project';
const VERSION = 1;

const b64 = (a: Int32Array | Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function fromB64<T extends Int32Array | Float64Array>(
  text: string,
  Ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0)
    throw new UserError('project file: an array is damaged');
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Ctor(copy);
}

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
      userIds: b64(m.userIds),
      movieIds: b64(m.movieIds),
      U: b64(m.U),
      V: b64(m.V),
    })),
    clusterings: p.clusterings.map((c) => ({
      result: c.result,
      uvStd: b64(c.uvStd),
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
      userIds: fromB64(m.userIds, Int32Array),
      movieIds: fromB64(m.movieIds, Int32Array),
      U: fromB64(m.U, Float64Array),
      V: fromB64(m.V, Float64Array),
    })),
    clusterings: f.clusterings.map((c) => ({
      result: c.result,
      uvStd: fromB64(c.uvStd, Float64Array),
      embedding: c.embedding,
    })),
  };
}
