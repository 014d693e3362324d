/**
 * Exact float64/int32 arrays inside JSON files (saved models and analyses): base64 of the
 * bytes, so nothing is rounded through decimal text.
 */
import { UserError } from './errors';

export function toBase64(a: Int32Array | Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Decodes into a fresh buffer; `what` names the array in the error for a damaged file. */
export function fromBase64<T extends Int32Array | Float64Array>(
  text: string,
  Ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  what: string,
): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0) throw new UserError(`${what} is damaged`);
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Ctor(copy);
}
