/**
 * The HTML report: one self-contained document with inline CSS and inline SVG charts, no
 * scripts and no external references, so that it opens offline and prints to PDF as is.
 */
import { datasetSection, SYNTHETIC_BADGE } from './html-dataset';
import { clusterCardsSection } from './html-cluster-cards';
import { comparisonSection, dendrogramSection, umapSection } from './html-clustering';
import { escapeHtml } from './html-escape';
import { modelSection } from './html-model';
import { badge } from './html-parts';
import { REPORT_CSS } from './report-css';
import type { ReportInput } from './report-input';

const TOC: [string, string][] = [
  ['dataset', 'Dataset'],
  ['model', 'Model'],
  ['comparison', 'Clustering comparison'],
  ['dendrogram', 'Dendrogram'],
  ['umap', 'UMAP map'],
  ['clusters', 'Clusters'],
];

export function renderReportHtml(input: ReportInput): string {
  const { dataset, fit, clustering, embedding, generatedAt } = input;
  const title = `FactorLens report: ${dataset.name}`;
  const subtitle =
    `${dataset.release} · K = ${fit.params.factors}, λ = ${fit.params.lambda} · ` +
    `k = ${clustering.params.k} clusters · generated ${generatedAt}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="FactorLens">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    '<header class="top">',
    `<h1>${escapeHtml(title)}${dataset.synthetic ? badge(SYNTHETIC_BADGE, 'synthetic') : ''}</h1>`,
    `<div class="sub">${escapeHtml(subtitle)}</div>`,
    '</header>',
    `<nav class="toc">${TOC.map(([id, name]) => `<a href="#${id}">${name}</a>`).join('')}</nav>`,
    '<main>',
    datasetSection(dataset),
    modelSection(fit, input.timings),
    comparisonSection(clustering),
    dendrogramSection(clustering),
    umapSection(clustering, embedding),
    clusterCardsSection(clustering.methods),
    '</main>',
    `<footer>FactorLens · dataset fingerprint ${escapeHtml(dataset.fingerprint)} · model ` +
      `${escapeHtml(fit.modelId)} · clustering ${escapeHtml(clustering.clusteringId)}. ` +
      'Every table of this report is also written as CSV or JSON beside it.</footer>',
    '</body></html>',
    '',
  ].join('\n');
}
