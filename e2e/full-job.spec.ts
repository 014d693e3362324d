import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numberIn, setNumber } from './page-helpers';
import { ML_100K, ML_100K_MISSING, expect, hasMl100k, screenshotPath, shot, test } from './serve';

test.skip(!hasMl100k, ML_100K_MISSING);

const METHODS = ['kmeans', 'ward'] as const;
const METRICS = ['silhouette', 'davies-bouldin', 'calinski-harabasz', 'inertia'] as const;

test('full job on MovieLens 100K: open, fit, cluster, embed, export', async ({
  page,
  startServer,
}) => {
  const url = await startServer();
  const exportRoot = mkdtempSync(join(tmpdir(), 'factorlens-e2e-'));
  // The core creates the report folder itself and refuses an existing one.
  const exportDir = join(exportRoot, 'report');
  await page.goto(url);

  await test.step('open the dataset by path', async () => {
    await expect(page.getByText('Browser mode')).toBeVisible();
    await page.getByTestId('dataset-path').fill(ML_100K);
    await page.getByTestId('open-dataset').click();
    await expect(page.getByTestId('count-ratings')).toHaveText('100,000', { timeout: 60_000 });
    await expect(page.getByTestId('count-users')).toHaveText('943');
    await expect(page.getByTestId('count-movies')).toHaveText('1,682');
    await expect(page.getByTestId('count-movies-listed')).toHaveText('1,682');
    await expect(page.locator('[data-testid="hist-ratings"] rect.bar')).toHaveCount(5);
    expect(await page.locator('[data-testid="hist-per-user"] rect.bar').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="hist-per-movie"] rect.bar').count()).toBeGreaterThan(
      3,
    );
    await expect(page.getByTestId('synthetic-badge')).toHaveCount(0);
    await shot(page, '01-dataset');
  });

  await test.step('fit K = 20, α = 0.0002, 150 iterations', async () => {
    await page.getByTestId('nav-fit').click();
    await setNumber(page, 'fit-factors', 20);
    await setNumber(page, 'fit-alpha', 0.0002);
    await setNumber(page, 'fit-lambda', 0);
    await setNumber(page, 'fit-iterations', 150);
    await page.getByTestId('fit-run').click();
    // Mid-run: the charts fill as progress events stream in.
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="chart-rmse"] path.series')
            ?.getAttribute('data-points'),
        ) >= 30 || document.querySelector('[data-testid="fit-status"]') !== null,
      undefined,
      { timeout: 120_000 },
    );
    if (await page.getByTestId('fit-progress').isVisible()) await shot(page, '02a-fit-running');
    await expect(page.getByTestId('fit-status')).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('fit-status')).toContainText('Finished');
    for (const chart of ['chart-rmse', 'chart-residual-change', 'chart-max-update']) {
      const series = page.locator(`[data-testid="${chart}"] path.series`);
      expect(Number(await series.getAttribute('data-points')), chart).toBeGreaterThan(100);
      const d = (await series.getAttribute('d')) ?? '';
      expect(d.length, chart).toBeGreaterThan(100);
      expect(d, chart).not.toMatch(/NaN|Infinity/);
    }
    const rmse = await numberIn(page.getByTestId('final-rmse'));
    expect(Number.isFinite(rmse)).toBe(true);
    expect(rmse).toBeGreaterThan(0);
    expect(rmse).toBeLessThan(1.2);
    await shot(page, '02-fit');
  });

  await test.step('cluster with k = 5 and embed', async () => {
    await page.getByTestId('nav-cluster').click();
    await setNumber(page, 'cluster-k', 5);
    await page.getByTestId('cluster-run').click();
    await expect(page.getByTestId('metric-silhouette-kmeans')).toBeVisible({ timeout: 180_000 });
    for (const method of METHODS) {
      for (const metric of METRICS) {
        const value = await numberIn(page.getByTestId(`metric-${metric}-${method}`));
        expect(Number.isFinite(value), `${metric} of ${method}`).toBe(true);
      }
    }
    const cophenetic = await numberIn(page.getByTestId('metric-cophenetic-ward'));
    expect(cophenetic).toBeGreaterThan(0);
    expect(cophenetic).toBeLessThanOrEqual(1);
    for (const method of METHODS) {
      const titles = page.locator(`strong[data-testid^="representative-${method}-"]`);
      expect(await titles.count(), `representatives of ${method}`).toBeGreaterThan(0);
      expect(((await titles.first().textContent()) ?? '').trim().length).toBeGreaterThan(2);
    }
    expect(await page.locator('[data-testid="dendrogram"] path.link').count()).toBeGreaterThan(10);
    await expect(page.locator('[data-testid="dendrogram"] line.cut')).toHaveCount(1);
    const ari = await numberIn(page.getByTestId('adjusted-rand'));
    expect(ari).toBeGreaterThanOrEqual(-1);
    expect(ari).toBeLessThanOrEqual(1);
    await expect(page.locator('[data-testid="contingency"] tbody tr')).toHaveCount(5);
    if (await page.getByTestId('embed-progress').isVisible()) {
      await page.screenshot({ path: screenshotPath('03a-cluster-embedding') });
    }

    for (const method of METHODS) {
      const points = page.locator(`[data-testid="umap-${method}"] .point`);
      await expect(points.first()).toBeAttached({ timeout: 180_000 });
      expect(await points.count()).toBe(943 + 1682);
    }
    // The tooltip names the point under the pointer.
    const map = page.locator('[data-testid="umap-kmeans"] rect.hit');
    await map.scrollIntoViewIfNeeded();
    const movie = page.locator('[data-testid="umap-kmeans"] path.point.movie').first();
    const box = (await movie.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('umap-kmeans-tooltip')).toContainText(/Movie|User/);
    // Linked selection: a K-means cluster picked in its legend is highlighted in the Ward map too.
    await page.locator('[data-testid="umap-kmeans"] .legend-cluster').first().click();
    expect(await page.locator('[data-testid="umap-ward"] .point.dim').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('cluster-card-kmeans-0')).toHaveClass(/selected/);
    await page.locator('[data-testid="umap-kmeans"] .legend-cluster').first().click();
    await expect(page.locator('[data-testid="umap-ward"] .point.dim')).toHaveCount(0);
    await shot(page, '03-cluster');
    await page.getByTestId('panel-kmeans').screenshot({ path: screenshotPath('03b-kmeans-panel') });
    await page.getByTestId('dendrogram').screenshot({ path: screenshotPath('03c-dendrogram') });
  });

  await test.step('export the report', async () => {
    await page.getByTestId('nav-export').click();
    await page.getByTestId('export-dir').fill(exportDir);
    await page.getByTestId('export-run').click();
    await expect(page.getByTestId('export-files')).toContainText('report.html', {
      timeout: 120_000,
    });
    expect(existsSync(join(exportDir, 'report.html'))).toBe(true);
    await expect(page.getByTestId('report-link')).toHaveAttribute('href', /report\.html/);
    await shot(page, '04-export');
  });

  rmSync(exportRoot, { recursive: true, force: true });
});

test('a too large step size diverges and suggests a smaller α', async ({ page, startServer }) => {
  const url = await startServer(ML_100K);
  await page.goto(url);
  // The folder given on the command line is open from the start.
  await expect(page.getByTestId('count-ratings')).toHaveText('100,000');
  await page.getByTestId('nav-fit').click();
  await setNumber(page, 'fit-factors', 20);
  await setNumber(page, 'fit-alpha', 0.01);
  await setNumber(page, 'fit-iterations', 150);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-status')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('fit-status')).toContainText('Diverged');
  await expect(page.getByTestId('divergence-message')).toContainText(/diverged/i);
  const suggested = Number(
    ((await page.getByTestId('suggested-alpha').textContent()) ?? '').replace(/^α = /, ''),
  );
  expect(suggested).toBeGreaterThan(0);
  expect(suggested).toBeLessThan(0.01);
  for (const d of await page
    .locator('path.series')
    .evaluateAll((els) => els.map((e) => e.getAttribute('d')))) {
    expect(d ?? '').not.toMatch(/NaN|Infinity/);
  }
  // A diverged model cannot be clustered.
  await expect(page.getByTestId('nav-cluster')).toBeDisabled();
  await shot(page, '05-divergence');
  await page.getByTestId('use-suggested-alpha').click();
  await expect(page.getByTestId('fit-alpha')).toHaveValue(String(suggested));

  // A long run can be cancelled from its progress bar; the window stays usable.
  await setNumber(page, 'fit-iterations', 100_000);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-progress')).toBeVisible();
  await expect(page.getByTestId('fit-iteration')).toContainText(/Iteration [1-9]/);
  await page.getByTestId('fit-progress').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('fit-progress')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.getByTestId('fit-status').or(page.getByTestId('notice-banner'))).toContainText(
    /cancel/i,
  );
  await expect(page.getByTestId('fit-run')).toBeEnabled();
  await shot(page, '06-cancelled');
});
