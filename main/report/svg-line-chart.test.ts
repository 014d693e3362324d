import { describe, expect, it } from 'vitest';
import { svgLogLineChart } from './svg-line-chart';

const numbersIn = (svg: string, attr: string) =>
  [...svg.matchAll(new RegExp(` ${attr}="([^"]*)"`, 'g'))].map((m) => Number(m[1]));

describe('svgLogLineChart(x, y, options)', () => {
  it('clips zero and negative values to the smallest positive one and says so', () => {
    const svg = svgLogLineChart([1, 2, 3, 4], [1, 0, -1, 0.01], {
      title: 'max update',
      yLabel: 'u',
    });
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('2 values ≤ 0 drawn at the smallest positive value');
    const cy = numbersIn(svg, 'cy');
    expect(cy).toHaveLength(4);
    // The clipped points sit on the level of the smallest positive value (iteration 4).
    expect(cy[1]).toBe(cy[3]);
    expect(cy[2]).toBe(cy[3]);
  });

  it('leaves out non-finite pairs and never writes NaN', () => {
    const svg = svgLogLineChart([1, 2, NaN, 4], [1, NaN, 3, Infinity], { title: 't', yLabel: 'y' });
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
    expect(numbersIn(svg, 'cy')).toHaveLength(1);
  });

  it('draws a single point and a flat series on a valid axis', () => {
    for (const y of [[0.5], [2, 2, 2]]) {
      const svg = svgLogLineChart(
        y.map((_, i) => i + 1),
        y,
        { title: 't', yLabel: 'y' },
      );
      expect(svg).not.toContain('NaN');
      expect(svg).toMatch(/class="tick-label"/);
    }
  });

  it('shows an empty chart with its reason when nothing can be drawn', () => {
    expect(svgLogLineChart([], [], { title: 't', yLabel: 'y' })).toContain('no finite values');
    expect(svgLogLineChart([1, 2], [0, -1], { title: 't', yLabel: 'y' })).toContain(
      'all values are zero or negative',
    );
  });

  it('labels decades on the y axis', () => {
    const svg = svgLogLineChart([1, 2, 3], [1, 1e-2, 1e-4], { title: 'rmse', yLabel: 'RMSE' });
    for (const tick of ['>1<', '>0.01<', '>1e-4<']) expect(svg).toContain(tick);
    expect(svg).toContain('RMSE (log)');
    expect(svg).toContain('iteration');
  });

  it('draws a long run with one path of about two points per pixel column', () => {
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const y = x.map((i) => (i === 50_000 ? 100 : 1 / i));
    const svg = svgLogLineChart(x, y, { title: 't', yLabel: 'y', width: 360 });
    const d = svg.match(/<path class="line"[^>]* d="([^"]*)"/)![1];
    const vertices = d.split(/[ML]/).filter(Boolean);
    expect(vertices.length).toBeLessThan(2 * 360);
    // The one-iteration spike is kept: some vertex reaches the top of the plot.
    expect(Math.min(...vertices.map((v) => Number(v.split(',')[1])))).toBeLessThan(40);
  });
});
