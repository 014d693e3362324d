/** Model section: the fit's parameters, how it ended, and its three diagnostic curves. */
import type { FitResult, FitStatus } from '../contract';
import { fmtInt, fmtNum } from './format';
import { escapeHtml } from './html-escape';
import { badge, facts, raw, section, table } from './html-parts';
import { svgLogLineChart } from './svg-line-chart';

const STATUS: Record<FitStatus, [string, 'good' | 'neutral' | 'bad' | 'warn']> = {
  converged: ['converged', 'good'],
  max_iterations: ['iteration limit reached', 'neutral'],
  diverged: ['diverged', 'bad'],
  cancelled: ['cancelled', 'warn'],
};

export function modelSection(fit: FitResult, timings: Record<string, number> | undefined): string {
  const { params, diagnostics } = fit;
  const last = diagnostics.at(-1);
  const [statusText, statusKind] = STATUS[fit.status];
  const iterations = diagnostics.map((d) => d.iteration);
  const marker = fit.divergence
    ? { x: fit.divergence.iteration, label: `diverged at ${fit.divergence.iteration}` }
    : null;
  const body = [
    '<h3>Parameters</h3>',
    facts([
      ['Factors K', fmtInt(params.factors)],
      ['Step size α', fmtNum(params.alpha)],
      ['Regularisation λ', fmtNum(params.lambda)],
      ['Iteration limit', fmtInt(params.iterations)],
      ['Tolerance', params.tolerance > 0 ? fmtNum(params.tolerance) : 'none'],
      ['Initial scale', `uniform in [0, ${fmtNum(params.initScale)})`],
      ['Seed', String(params.seed)],
      [
        'Data fitted',
        fit.subset
          ? `subset: ${fit.subset.description} (${fmtInt(fit.subset.users)} users, ${fmtInt(fit.subset.movies)} movies, ${fmtInt(fit.subset.ratings)} ratings)`
          : 'all ratings',
      ],
    ]),
    '<h3>Result</h3>',
    facts([
      ['Status', raw(badge(statusText, statusKind))],
      ['Iterations run', fmtInt(fit.iterations)],
      ['Final RMSE', last ? fmtNum(last.rmse) : '—'],
      ['Final max residual change', last ? fmtNum(last.maxResidualChange) : '—'],
      ['Final max update', last ? fmtNum(last.maxUpdate) : '—'],
      ['Final objective', last ? fmtNum(last.objective) : '—'],
      ['Fit time', `${fmtNum(fit.seconds)} s`],
    ]),
    fit.divergence
      ? `<p class="note"><b>Divergence:</b> ${escapeHtml(fit.divergence.message)}</p>`
      : '',
    '<h3>Diagnostics</h3>',
    '<div class="charts">',
    svgLogLineChart(
      iterations,
      diagnostics.map((d) => d.rmse),
      {
        title: 'Training RMSE',
        yLabel: 'RMSE',
        marker,
      },
    ),
    svgLogLineChart(
      iterations,
      diagnostics.map((d) => d.maxResidualChange),
      {
        title: 'Max residual change',
        yLabel: 'max |Δ residual|',
        color: '#e15759',
        marker,
      },
    ),
    svgLogLineChart(
      iterations,
      diagnostics.map((d) => d.maxUpdate),
      {
        title: 'Max update of U or V',
        yLabel: 'max |Δ entry|',
        color: '#59a14f',
        marker,
      },
    ),
    '</div>',
    '<p class="note">Residuals are taken over observed ratings only; the per-iteration values ' +
      'are in <code>diagnostics.csv</code>.</p>',
    timingsTable(timings),
  ];
  return section('model', 'Model', body.join(''));
}

function timingsTable(timings: Record<string, number> | undefined): string {
  if (!timings || Object.keys(timings).length === 0) return '';
  const rows = Object.entries(timings).map(([stage, s]) => [stage, raw(`${fmtNum(s)}&nbsp;s`)]);
  return '<h3>Timings</h3>' + table(['stage', 'time'], rows);
}
