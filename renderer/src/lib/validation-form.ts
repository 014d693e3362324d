import type { DatasetSummary, Validation } from '../../../main/contract';

/**
 * The validation choice as the form holds it: every kind's fields stay filled while the person
 * switches between kinds, and the fold is counted from 1 as people count.
 */
export interface ValidationForm {
  kind: Validation['kind'];
  fraction: number;
  folds: number;
  /** 1-based here; the contract's `fold` is 0-based. */
  fold: number;
  train: string;
  test: string;
}

export const DEFAULT_VALIDATION_FORM: ValidationForm = {
  kind: 'none',
  fraction: 0.2,
  folds: 5,
  fold: 1,
  train: 'u1.base',
  test: 'u1.test',
};

/** Releases that ship a train/test split next to their ratings (100K's u1.base … ub.test). */
export function offersGivenSplit(dataset: DatasetSummary | null): boolean {
  // 100K ships u1.base/u1.test … ub; the synthetic demo ships a u1 pair of its own.
  return dataset?.release === '100k' || dataset?.release === 'demo';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The contract's Validation for the form, or a sentence naming the field that is wrong. */
export function validationFromForm(form: ValidationForm): Parsed<Validation> {
  switch (form.kind) {
    case 'none':
      return { ok: true, value: { kind: 'none' } };
    case 'holdout': {
      const f = form.fraction;
      if (!(Number.isFinite(f) && f > 0 && f < 1)) {
        return { ok: false, message: `Hold-out fraction: ${f} is not between 0 and 1, e.g. 0.2.` };
      }
      return { ok: true, value: { kind: 'holdout', fraction: f } };
    }
    case 'kfold': {
      const { folds, fold } = form;
      if (!(Number.isInteger(folds) && folds >= 2 && folds <= 20)) {
        return { ok: false, message: `Folds: ${folds} is not a whole number from 2 to 20.` };
      }
      if (!(Number.isInteger(fold) && fold >= 1 && fold <= folds)) {
        return { ok: false, message: `Fold: ${fold} is not a whole number from 1 to ${folds}.` };
      }
      return { ok: true, value: { kind: 'kfold', folds, fold: fold - 1 } };
    }
    case 'given': {
      const train = form.train.trim();
      const test = form.test.trim();
      if (!train || !test) {
        return { ok: false, message: 'Given split: name both files, e.g. u1.base and u1.test.' };
      }
      return { ok: true, value: { kind: 'given', train, test } };
    }
  }
}

/** Short description of a validation split, for model lists and table cells. */
export function describeValidationShort(v: Validation): string {
  switch (v.kind) {
    case 'none':
      return 'no hold-out';
    case 'holdout':
      return `hold-out ${+(v.fraction * 100).toFixed(2)}%`;
    case 'kfold':
      return `fold ${v.fold + 1}/${v.folds}`;
    case 'given':
      return `${v.train} / ${v.test}`;
  }
}
