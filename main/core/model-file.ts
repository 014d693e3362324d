/**
 * Saved models: one JSON file with the fit's parameters, diagnostics and factors (as base64
 * float64, exact), tied to its dataset by the ratings fingerprint and to its rows by their ids.
 * Reading validates the whole file and refuses a model made from other data.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { FitResultSchema, type FitResult } from '../contract';
import { writeFileAtomic } from '../report/write-report';
import { UserError } from './errors';
import { fromBase64, toBase64 } from './typed-base64';

const FORMAT = 'factorlens-model';
const VERSION = 1;

const ModelFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  savedAt: z.string(),
  dataset: z.object({ name: z.string(), fingerprint: z.string() }),
  result: FitResultSchema,
  userIds: z.string(),
  movieIds: z.string(),
  U: z.string(),
  V: z.string(),
});

export interface SavedModel {
  result: FitResult;
  fingerprint: string;
  userIds: Int32Array;
  movieIds: Int32Array;
  U: Float64Array;
  V: Float64Array;
}

export async function saveModel(path: string, datasetName: string, m: SavedModel): Promise<number> {
  const text = JSON.stringify({
    format: FORMAT,
    version: VERSION,
    savedAt: new Date().toISOString(),
    dataset: { name: datasetName, fingerprint: m.fingerprint },
    result: m.result,
    userIds: toBase64(m.userIds),
    movieIds: toBase64(m.movieIds),
    U: toBase64(m.U),
    V: toBase64(m.V),
  });
  // The default folder (the export folder) may not exist before the first export.
  mkdirSync(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
  return Buffer.byteLength(text);
}

export function readModel(path: string): SavedModel & { datasetName: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(
      `${path}: not a FactorLens model file (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  }
  const parsed = ModelFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(
      `${path}: not a FactorLens model file (${z.prettifyError(parsed.error).replace(/\s*\n\s*/g, ' ')})`,
    );
  }
  const f = parsed.data;
  const K = f.result.params.factors;
  const userIds = fromBase64(f.userIds, Int32Array, 'model file: userIds');
  const movieIds = fromBase64(f.movieIds, Int32Array, 'model file: movieIds');
  const U = fromBase64(f.U, Float64Array, 'model file: U');
  const V = fromBase64(f.V, Float64Array, 'model file: V');
  if (U.length !== userIds.length * K || V.length !== movieIds.length * K) {
    throw new UserError(
      `${path}: factor sizes do not match the ids and K = ${K}; the file is damaged`,
    );
  }
  return {
    result: f.result,
    fingerprint: f.dataset.fingerprint,
    datasetName: f.dataset.name,
    userIds,
    movieIds,
    U,
    V,
  };
}
