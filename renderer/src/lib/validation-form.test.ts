import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VALIDATION_FORM,
  describeValidationShort,
  validationFromForm,
} from './validation-form';

const form = (patch: Partial<typeof DEFAULT_VALIDATION_FORM>) => ({
  ...DEFAULT_VALIDATION_FORM,
  ...patch,
});

describe('validationFromForm', () => {
  it('reads each kind into the contract shape', () => {
    expect(validationFromForm(form({ kind: 'none' }))).toEqual({
      ok: true,
      value: { kind: 'none' },
    });
    expect(validationFromForm(form({ kind: 'holdout', fraction: 0.2 }))).toEqual({
      ok: true,
      value: { kind: 'holdout', fraction: 0.2 },
    });
    expect(
      validationFromForm(form({ kind: 'given', train: ' u1.base ', test: 'u1.test' })),
    ).toEqual({ ok: true, value: { kind: 'given', train: 'u1.base', test: 'u1.test' } });
  });

  it('turns the 1-based fold of the form into the 0-based fold of the contract', () => {
    expect(validationFromForm(form({ kind: 'kfold', folds: 5, fold: 5 }))).toEqual({
      ok: true,
      value: { kind: 'kfold', folds: 5, fold: 4 },
    });
  });

  it('names the field and the value when one is out of range', () => {
    const fraction = validationFromForm(form({ kind: 'holdout', fraction: 1.5 }));
    expect(fraction).toEqual({
      ok: false,
      message: expect.stringMatching(/^Hold-out fraction: 1.5/),
    });
    const fold = validationFromForm(form({ kind: 'kfold', folds: 5, fold: 6 }));
    expect(fold).toEqual({ ok: false, message: 'Fold: 6 is not a whole number from 1 to 5.' });
    const given = validationFromForm(form({ kind: 'given', train: '', test: 'u1.test' }));
    expect(given.ok).toBe(false);
  });
});

describe('describeValidationShort', () => {
  it('says each kind in a few words', () => {
    expect(describeValidationShort({ kind: 'holdout', fraction: 0.2 })).toBe('hold-out 20%');
    expect(describeValidationShort({ kind: 'kfold', folds: 5, fold: 0 })).toBe('fold 1/5');
    expect(describeValidationShort({ kind: 'given', train: 'u1.base', test: 'u1.test' })).toBe(
      'u1.base / u1.test',
    );
  });
});
