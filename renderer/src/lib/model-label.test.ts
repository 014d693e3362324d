import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT_PARAMS, type FitResult } from '../../../main/contract';
import { describeModel, finalRmse, modelFileName } from './model-label';

const model = (patch: Partial<FitResult['params']>): FitResult => ({
  modelId: 'm-1',
  datasetId: 'd-1',
  params: { ...DEFAULT_FIT_PARAMS, ...patch },
  subset: null,
  validation: null,
  status: 'max_iterations',
  iterations: 40,
  diagnostics: [
    {
      iteration: 40,
      rmse: 0.91234,
      maxResidualChange: 0.01,
      maxUpdate: 0.001,
      objective: 1,
      validationRmse: 0.95,
    },
  ],
  divergence: null,
  seconds: 1,
});

describe('describeModel', () => {
  it('names the solver, size, regularisation and split', () => {
    expect(describeModel(model({ factors: 10, lambda: 5 }))).toBe(
      'GD · K 10 · λ 5 · α 0.0002 · 40 it · no hold-out',
    );
    expect(
      describeModel(model({ solver: 'als', validation: { kind: 'holdout', fraction: 0.2 } })),
    ).toBe('ALS · K 20 · λ 0 · 40 it · hold-out 20%');
  });
});

describe('finalRmse', () => {
  it('formats the last iteration', () => {
    expect(finalRmse(model({}))).toEqual({ train: '0.912', heldOut: '0.950' });
  });
});

describe('modelFileName', () => {
  it('suggests a file named after the model inside the folder', () => {
    expect(modelFileName('/home/a/FactorLens reports/', model({ lambda: 5 }))).toBe(
      '/home/a/FactorLens reports/model-gd-K20-lambda5.json',
    );
  });
});
