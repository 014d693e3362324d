/**
 * The window never freezes (issue 6): while a long fit streams its diagnostics into the three
 * live charts, the renderer runs no task longer than 100 ms, measured with a long-task
 * PerformanceObserver installed before the app loads.
 */
import { setNumber } from './page-helpers';
import { ML_100K, ML_100K_MISSING, expect, hasMl100k, shot, test } from './serve';

test.skip(!hasMl100k, ML_100K_MISSING);
// Playwright's trace recorder snapshots the DOM on the page's main thread and would show up
// as long tasks itself: measure without it.
test.use({ trace: 'off', screenshot: 'off' });
// Measured on 2026-12-03 on a quiet 2-core machine: no task over 50 ms during the fit. When
// other processes load the machine the renderer is descheduled and tasks stretch (up to 173 ms
// seen), so one retry absorbs a busy moment; a real regression fails both runs.
test.describe.configure({ retries: 1 });

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

test('a 3,000-iteration fit on 100K leaves no renderer task over 100 ms', async ({
  page,
  startServer,
}) => {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const url = await startServer(ML_100K);
  await page.goto(url);
  await expect(page.getByTestId('count-ratings')).toHaveText('100,000', { timeout: 60_000 });
  await page.getByTestId('nav-fit').click();
  await setNumber(page, 'fit-iterations', 3000);
  const fitStart = await page.evaluate(() => performance.now());
  // Wait inside the page with a MutationObserver: Playwright's own polling would run on the
  // page's main thread and show up as long tasks itself.
  const finished = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const done = () =>
          document.querySelector('[data-testid="fit-status"]')?.textContent?.includes('Finished');
        new MutationObserver((_m, obs) => {
          if (done()) {
            obs.disconnect();
            resolve(performance.now());
          }
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
  );
  await page.getByTestId('fit-run').click();
  const fitEnd = await finished;
  await expect(page.getByTestId('fit-status')).toContainText('Finished');
  const during = (await page.evaluate(() => window.__longTasks)).filter(
    (t) => t.start >= fitStart && t.start <= fitEnd,
  );
  const longest = Math.max(0, ...during.map((t) => t.duration));
  test.info().annotations.push({
    type: 'long tasks during the fit',
    description: `${during.length} over 50 ms, longest ${longest.toFixed(0)} ms, fit ${((fitEnd - fitStart) / 1000).toFixed(1)} s`,
  });
  const points = await page
    .locator('[data-testid="chart-rmse"] path.series')
    .first()
    .getAttribute('data-points');
  expect(Number(points)).toBe(3000);
  expect(longest).toBeLessThan(100);
  await shot(page, '16-long-fit');
});
