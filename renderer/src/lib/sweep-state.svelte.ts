import {
  DEFAULT_FACTOR_GRID,
  DEFAULT_FIT_PARAMS,
  DEFAULT_LAMBDA_GRID,
  FitParamsSchema,
  type SweepCell,
} from '../../../main/contract';
import { describeIssue } from './form-issues';
import { parseNumberList } from './number-list';
import type { Session } from './session.svelte';
import { sweepCells, type SweepPlan } from './sweep-grid';
import {
  DEFAULT_VALIDATION_FORM,
  validationFromForm,
  type ValidationForm,
} from './validation-form';

/** The sweep form: two editable grids, shared fit settings, and how many fits run at once. */
export interface SweepForm {
  lambdaGridOn: boolean;
  lambdas: string;
  lambdaK: number;
  factorGridOn: boolean;
  factors: string;
  factorLambda: number;
  iterations: number;
  alpha: number;
  seed: number;
  solver: 'gd' | 'als';
  validation: ValidationForm;
  concurrency: number;
}

const defaultForm = (): SweepForm => ({
  lambdaGridOn: true,
  lambdas: DEFAULT_LAMBDA_GRID.join(', '),
  lambdaK: 20,
  factorGridOn: true,
  factors: DEFAULT_FACTOR_GRID.join(', '),
  factorLambda: 5,
  iterations: DEFAULT_FIT_PARAMS.iterations,
  alpha: DEFAULT_FIT_PARAMS.alpha,
  seed: DEFAULT_FIT_PARAMS.seed,
  solver: 'gd',
  validation: { ...DEFAULT_VALIDATION_FORM, kind: 'holdout' },
  concurrency: 2,
});

/**
 * A K × λ sweep (SPEC §3): its form, the plan of the latest run, and the cells as they finish.
 * The session runs the job and routes its progress events here.
 */
export class SweepState {
  form = $state<SweepForm>(defaultForm());
  plan = $state.raw<SweepPlan | null>(null);
  /** Cells finished so far in the latest run, in the order they finished. */
  cells = $state.raw<SweepCell[]>([]);
  total = $state(0);
  /** Latest fraction of each cell's fit (not reactive: it only feeds the job's fraction). */
  #inflight: Record<string, number> = {};
  readonly #session: Session;

  constructor(session: Session) {
    this.#session = session;
  }

  /** The default grids; on 100K the release's u1 split, elsewhere a 20% hold-out. */
  resetForm(): void {
    this.form = defaultForm();
    if (this.#session.givenSplitOffered) this.form.validation.kind = 'given';
  }

  reset(): void {
    this.plan = null;
    this.cells = [];
    this.total = 0;
    this.#inflight = {};
  }

  /** The plan the form describes, or null with the reason shown in the banner. */
  planFromForm(): SweepPlan | null {
    const f = this.form;
    const fail = (message: string) => {
      this.#session.error = message;
      return null;
    };
    if (!f.lambdaGridOn && !f.factorGridOn)
      return fail('Sweep: turn on the λ grid, the K grid or both.');
    let lambdaGrid: SweepPlan['lambdaGrid'] = null;
    let factorGrid: SweepPlan['factorGrid'] = null;
    if (f.lambdaGridOn) {
      const lambdas = parseNumberList(f.lambdas, { label: 'λ values', min: 0 });
      if (!lambdas.ok) return fail(lambdas.message);
      if (!(Number.isInteger(f.lambdaK) && f.lambdaK >= 1 && f.lambdaK <= 500)) {
        return fail(`K for the λ grid: ${f.lambdaK} is not a whole number from 1 to 500.`);
      }
      lambdaGrid = { factors: f.lambdaK, lambdas: lambdas.value };
    }
    if (f.factorGridOn) {
      const factors = parseNumberList(f.factors, {
        label: 'K values',
        integer: true,
        min: 1,
        max: 500,
      });
      if (!factors.ok) return fail(factors.message);
      if (!(Number.isFinite(f.factorLambda) && f.factorLambda >= 0)) {
        return fail(`λ for the K grid: ${f.factorLambda} is not a number ≥ 0.`);
      }
      factorGrid = { lambda: f.factorLambda, factors: factors.value };
    }
    const plan = { lambdaGrid, factorGrid };
    if (sweepCells(plan).length > 100) return fail('Sweep: at most 100 cells per run.');
    return plan;
  }

  async run(): Promise<void> {
    const session = this.#session;
    const dataset = session.dataset;
    if (!dataset) return;
    const plan = this.planFromForm();
    if (!plan) return;
    const f = $state.snapshot(this.form);
    const validation = validationFromForm(f.validation);
    if (!validation.ok) {
      session.error = validation.message;
      return;
    }
    const base = FitParamsSchema.safeParse({
      ...DEFAULT_FIT_PARAMS,
      iterations: f.iterations,
      alpha: f.alpha,
      seed: f.seed,
      solver: f.solver,
      threads: 1,
      validation: validation.value,
    });
    if (!base.success) {
      session.error = describeIssue(base.error.issues[0]);
      return;
    }
    const subset = f.validation.kind === 'given' ? null : session.subsetParams();
    if (subset === undefined) return;
    const cells = sweepCells(plan);
    this.reset();
    this.plan = plan;
    this.total = cells.length;
    const concurrency = Math.min(8, Math.max(1, Math.round(f.concurrency)));
    const result = await session.runJob('sweep', (jobId) =>
      session.api.sweep({
        jobId,
        datasetId: dataset.datasetId,
        base: base.data,
        subset,
        cells,
        concurrency,
      }),
    );
    // The response is the authority: a cancelled sweep resolves (it does not fail) with the
    // cells that finished and those stopped mid-fit, whose partial models it keeps.
    if (result) {
      this.cells = result.cells;
      const finished = result.cells.filter((c) => c.status !== 'cancelled').length;
      if (finished < cells.length) {
        session.notice = `The sweep was cancelled: ${finished} of ${cells.length} cells finished; their models are kept.`;
      }
    }
    await session.refreshModels();
  }

  addCell(cell: SweepCell): void {
    if (this.cells.some((c) => c.modelId === cell.modelId)) return;
    this.cells = [...this.cells, cell];
    void this.#session.refreshModels();
  }

  /** "2 of 9 cells done · last K = 20, λ = 0.5" for the progress line. */
  describeProgress(): string {
    const last = this.cells.at(-1);
    const done = `${this.cells.length} of ${this.total} cells done`;
    return last ? `${done} · last K = ${last.factors}, λ = ${last.lambda}` : done;
  }

  /** Records a cell fit's own progress; returns the sweep's overall fraction. */
  cellProgress(cellJobId: string, fraction: number | null): number | null {
    if (fraction !== null) this.#inflight[cellJobId] = fraction;
    return this.fraction(null);
  }

  /**
   * Overall fraction: cells done, or the sum of the cell fits' own fractions when that says
   * more (both only grow, so their maximum never steps back).
   */
  fraction(reported: number | null): number | null {
    if (this.total === 0) return reported;
    let partial = 0;
    for (const f of Object.values(this.#inflight)) partial += f;
    return Math.min(
      1,
      Math.max(reported ?? 0, this.cells.length / this.total, partial / this.total),
    );
  }
}
