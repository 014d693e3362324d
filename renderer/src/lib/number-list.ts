import type { Parsed } from './validation-form';

export interface NumberListOptions {
  /** Field name for the message, e.g. "λ values". */
  label: string;
  integer?: boolean;
  min?: number;
  max?: number;
}

/**
 * Reads "0.1, 0.5 1;5" into [0.1, 0.5, 1, 5]: numbers separated by commas, semicolons or spaces,
 * de-duplicated and kept in the order typed. An empty list or a bad entry is an error sentence.
 */
export function parseNumberList(text: string, o: NumberListOptions): Parsed<number[]> {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: `${o.label}: enter at least one number.` };
  const values: number[] = [];
  for (const part of parts) {
    const v = Number(part);
    const bad =
      !Number.isFinite(v) ||
      (o.integer && !Number.isInteger(v)) ||
      (o.min !== undefined && v < o.min) ||
      (o.max !== undefined && v > o.max);
    if (bad) {
      const range = [
        o.integer ? 'a whole number' : 'a number',
        o.min !== undefined ? `≥ ${o.min}` : '',
        o.max !== undefined ? `≤ ${o.max}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      return { ok: false, message: `${o.label}: "${part}" is not ${range}.` };
    }
    if (!values.includes(v)) values.push(v);
  }
  return { ok: true, value: values };
}
