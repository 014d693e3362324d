import { describe, expect, it } from 'vitest';
import { chartFileName } from './chart-export';
import { freshProjectPath } from './export-dir';

describe('chartFileName', () => {
  it('slugs the title', () => {
    expect(chartFileName('RMSE: train and held-out', 'svg')).toBe('rmse-train-and-held-out.svg');
    expect(chartFileName('Silhouette per point, K-means', 'png')).toBe(
      'silhouette-per-point-k-means.png',
    );
  });
  it('falls back to "chart" for a title without letters', () => {
    expect(chartFileName('λ ×', 'svg')).toBe('chart.svg');
  });
});

describe('freshProjectPath', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  it('suggests a timestamped analysis file under the root', () => {
    expect(freshProjectPath('/home/a/reports/', now)).toBe(
      '/home/a/reports/analysis-2024-05-01T12-00-00.factorlens.json',
    );
    expect(freshProjectPath('C:\\reports', now)).toBe(
      'C:\\reports\\analysis-2024-05-01T12-00-00.factorlens.json',
    );
    expect(freshProjectPath('', now)).toBe('');
  });
});
