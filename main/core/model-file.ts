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

const encode = (a: Int32Array | Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function decode<T extends Int32Array | Float64Array>(
  text: string,
  Ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  what: string,
): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0)
    throw new UserError(`model file: ${what} is damaged`);
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Ctor(copy);
}

export async function saveModel(path: string, datasetName: string, m: SavedModel): Promise<number> {
  const text = JSON.stringify({
    format: FORMAT,
    version: VERSION,
    savedAt: new Date().toISOString(),
    dataset: { name: datasetName, fingerprint: m.fingerprint },
    result: m.result,
    userIds: encode(m.userIds),
    movieIds: encode(m.movieIds),
    U: encode(m.U),
    V: encode(m.V),
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
  const userIds = decode(f.userIds, Int32Array, 'userIds');
  const movieIds = decode(f.movieIds, Int32Array, 'movieIds');
  const U = decode(f.U, Float64Array, 'U');
  const V = decode(f.V, Float64Array, 'V');
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
