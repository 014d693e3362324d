import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './report-html';
import { makeReportInput, TRICKY_TITLE } from './report-input.fixture';

describe('renderReportHtml(input)', () => {
  const html = renderReportHtml(makeReportInput());

  it('is a self-contained document: no scripts, no external references', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\(/i);
  });

  it('never writes NaN', () => {
    expect(html).not.toContain('NaN');
  });

  it('has every section heading', () => {
    for (const heading of [
      'Dataset',
      'Model',
      'Clustering comparison',
      'Dendrogram',
      'UMAP map',
      'Clusters',
    ]) {
      expect(html).toMatch(new RegExp(`<h2>${heading}[<]`));
    }
  });

  it('draws the charts: three diagnostics, the dendrogram with its cut, two maps', () => {
    for (const title of ['Training RMSE', 'Max residual change', 'Max update of U or V']) {
      expect(html).toContain(`aria-label="${title}"`);
    }
    expect(html).toContain('cut: k = 2');
    expect(html).toContain('aria-label="Coloured by K-means cluster"');
    expect(html).toContain('aria-label="Coloured by Ward cluster"');
  });

  it('escapes titles with &, < and quotes', () => {
    expect(html).not.toContain(TRICKY_TITLE);
    expect(html).toContain('Ghost, The &quot;Movie&quot; (1990)');
    expect(html).toContain('Tom &amp; Jerry &lt;Remastered&gt;');
    expect(html).not.toContain('<Remastered>');
  });

  it('labels synthetic data, and only synthetic data', () => {
    expect(html).toContain('Synthetic demo data');
    expect(renderReportHtml(makeReportInput({ synthetic: false }))).not.toContain(
      'Synthetic demo data',
    );
  });

  it('marks the better method per metric: silhouette higher, Davies–Bouldin lower, CH higher', () => {
    const row = (name: string) => html.match(new RegExp(`<b>${name}</b>.*?</tr>`))![0];
    expect(row('Silhouette')).toMatch(/0\.45 ✓.*<td>Ward<\/td>/);
    expect(row('Davies–Bouldin')).toMatch(/0\.8 ✓.*<td>Ward<\/td>/);
    expect(row('Calinski–Harabasz')).toMatch(/12\.5 ✓.*<td>K-means<\/td>/);
  });

  it('shows a cluster without movies by its nearest movie outside', () => {
    expect(html).toContain('No representative movie in this cluster; nearest outside');
    expect(html).toContain('This cluster holds no movie');
  });

  it('says when there is no map instead of drawing an empty one', () => {
    const without = renderReportHtml(makeReportInput({ embedding: false }));
    expect(without).toContain('No UMAP embedding was computed');
    expect(without).not.toContain('NaN');
  });

  it('shows demographics when the release has them', () => {
    const real = renderReportHtml(makeReportInput({ synthetic: false }));
    expect(real).toContain('mean age 31.5 · 50% female · top occupations: student 50%');
  });
});
