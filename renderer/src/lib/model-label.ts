import type { FitResult } from '../../../main/contract';
import { formatAlpha, formatMetric } from './format';
import { describeValidationShort } from './validation-form';

export const SOLVER_NAME = {
  gd: 'Gradient descent',
  als: 'ALS (alternating least squares)',
} as const;

/** Compact solver tag for lists: "GD" or "ALS". */
export const SOLVER_TAG = { gd: 'GD', als: 'ALS' } as const;

/** One line naming a model by what it is: "ALS · K 20 · λ 5 · 40 it · hold-out 20%". */
export function describeModel(r: FitResult): string {
  const p = r.params;
  const parts = [
    SOLVER_TAG[p.solver],
    `K ${p.factors}`,
    `λ ${p.lambda}`,
    p.solver === 'gd' ? `α ${formatAlpha(p.alpha)}` : null,
    `${r.iterations} it`,
    describeValidationShort(p.validation),
    r.subset ? 'subset' : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** The model's final RMSE on its training ratings and, when held out, on the test ratings. */
export function finalRmse(r: FitResult): { train: string; heldOut: string } {
  const last = r.diagnostics.at(-1);
  return { train: formatMetric(last?.rmse), heldOut: formatMetric(last?.validationRmse) };
}

/** A default path for saving a model: `<dir>/model-gd-K20-lambda5.json`. */
export function modelFileName(dir: string, r: FitResult): string {
  const p = r.params;
  const base = dir.replace(/[/\\]+$/, '');
  const name = `model-${p.solver}-K${p.factors}-lambda${p.lambda}.json`;
  return base ? `${base}/${name}` : name;
}
