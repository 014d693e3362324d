import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { numberIn, setNumber } from './page-helpers';
import { ML_100K, ML_100K_MISSING, expect, hasMl100k, screenshotPath, shot, test } from './serve';

test.skip(!hasMl100k, ML_100K_MISSING);

/** Opens the server with 100K loaded and goes to the Fit step. */
async function openFit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('count-ratings')).toHaveText('100,000');
  await page.getByTestId('nav-fit').click();
}

/** Fits K = 10 for `iterations` with λ and waits for the finished status. */
async function fitModel(page: Page, lambda: number, iterations = 60): Promise<void> {
  await setNumber(page, 'fit-factors', 10);
  await setNumber(page, 'fit-lambda', lambda);
  await setNumber(page, 'fit-iterations', iterations);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-progress')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId('fit-status')).toContainText('Finished');
}

async function expectNoNaN(page: Page, selector: string): Promise<void> {
  const attrs = await page
    .locator(selector)
    .evaluateAll((els) =>
      els.flatMap((e) =>
        ['d', 'cx', 'cy', 'x', 'y', 'width', 'height'].map((a) => e.getAttribute(a)),
      ),
    );
  for (const a of attrs) expect(a ?? '').not.toMatch(/NaN|Infinity/);
}

test('a hold-out fit draws held-out RMSE beside training RMSE; the model saves and reopens', async ({
  page,
  startServer,
}) => {
  const url = await startServer(ML_100K);
  const dir = mkdtempSync(join(tmpdir(), 'factorlens-model-'));
  try {
    await openFit(page, url);
    await page.getByTestId('fit-validation').selectOption('holdout');
    await setNumber(page, 'fit-holdout', 0.2);
    await fitModel(page, 0, 80);

    const rmse = page.getByTestId('chart-rmse');
    const heldOut = rmse.locator('path[data-series="held-out"]');
    await expect(heldOut).toHaveCount(1);
    expect(Number(await heldOut.getAttribute('data-points'))).toBeGreaterThan(70);
    expect(Number(await rmse.locator('path.series').getAttribute('data-points'))).toBeGreaterThan(
      70,
    );
    await expect(page.getByTestId('chart-rmse-legend')).toContainText('Train');
    await expect(page.getByTestId('chart-rmse-legend')).toContainText('Held-out');
    await expectNoNaN(page, '[data-testid="chart-rmse"] path, [data-testid="chart-rmse"] circle');
    const held = await numberIn(page.getByTestId('final-heldout-rmse'));
    expect(held).toBeGreaterThan(0.8);
    expect(held).toBeLessThan(1.5);
    await expect(page.getByTestId('fit-solver-label')).toContainText('Gradient descent');
    await expect(page.getByTestId('fit-solver-label')).toContainText('hold-out of 20%');
    await expect(page.getByTestId('fit-solver-label')).toContainText('20,000 held out');
    await shot(page, '11-fit-holdout');

    // Save, then reopen: the reopened copy becomes a second model and the current one.
    const file = join(dir, 'model.json');
    await page.getByTestId('save-model-path').fill(file);
    await page.getByTestId('save-model').click();
    await expect(page.getByTestId('notice-banner')).toContainText('Saved the model');
    expect(existsSync(file)).toBe(true);
    await expect(page.getByTestId('open-model-path')).toHaveValue(file);
    await page.getByTestId('open-model').click();
    await expect(page.getByTestId('notice-banner')).toContainText('Opened');
    await expect(page.locator('[data-testid="models-table"] tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('model-current')).toHaveCount(1);
    await page.getByTestId('models-card').screenshot({ path: screenshotPath('11b-models') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ALS fits the same objective and is labelled as ALS', async ({ page, startServer }) => {
  const url = await startServer(ML_100K);
  await openFit(page, url);
  await page.getByTestId('fit-solver').selectOption('als');
  await expect(page.getByTestId('fit-solver')).toContainText('different solver, same objective');
  await setNumber(page, 'fit-lambda', 5);
  await fitModel(page, 5, 15);
  await expect(page.getByTestId('fit-solver-label')).toContainText(
    'ALS (alternating least squares)',
  );
  await expect(page.getByTestId('model-chip')).toContainText('ALS');
  const rmse = await numberIn(page.getByTestId('final-rmse'));
  expect(rmse).toBeGreaterThan(0.3);
  expect(rmse).toBeLessThan(1);
  await shot(page, '12-als');
});

test('a λ sweep on the u1 split fills its table and charts; use this model switches', async ({
  page,
  startServer,
}) => {
  const url = await startServer(ML_100K);
  await page.goto(url);
  await expect(page.getByTestId('count-ratings')).toHaveText('100,000');
  await page.getByTestId('nav-sweep').click();

  // Defaults from the contract: λ grid at K = 20, K grid at λ = 5; on 100K, its u1 split.
  await expect(page.getByTestId('sweep-lambdas')).toHaveValue('0.1, 0.5, 1, 5, 10');
  await expect(page.getByTestId('sweep-factors')).toHaveValue('10, 20, 30, 40, 50');
  await expect(page.getByTestId('sweep-validation')).toHaveValue('given');

  await page.getByTestId('sweep-k-on').uncheck();
  await page.getByTestId('sweep-lambdas').fill('0.1, 5');
  await setNumber(page, 'sweep-lambda-k', 10);
  await setNumber(page, 'sweep-iterations', 40);
  await expect(page.getByTestId('sweep-train-file')).toHaveValue('u1.base');
  await expect(page.getByTestId('sweep-test-file')).toHaveValue('u1.test');
  await page.getByTestId('sweep-concurrency').selectOption('2');
  await page.getByTestId('sweep-run').click();

  await expect(page.getByTestId('sweep-row')).toHaveCount(2, { timeout: 120_000 });
  await expect(page.getByTestId('sweep-progress')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('sweep-count')).toContainText('2 of 2 cells done');
  await expect(page.getByTestId('sweep-best')).toHaveCount(1);
  for (const series of ['train', 'held-out']) {
    await expect(
      page.locator(`[data-testid="sweep-rmse-lambda"] .mark[data-series="${series}"]`),
    ).toHaveCount(2);
  }
  await expect(page.locator('[data-testid="sweep-update-lambda"] .mark')).toHaveCount(2);
  await expect(page.getByTestId('sweep-rmse-k')).toHaveCount(0);
  await expectNoNaN(page, '.xy-chart path, .xy-chart circle, .xy-chart rect');
  await shot(page, '13-sweep');

  const rows = page.getByTestId('sweep-row');
  await rows.nth(1).getByTestId('sweep-use-model').click();
  await expect(page.getByTestId('model-chip')).toContainText('λ 5');
  await expect(page.getByTestId('model-chip')).toContainText('u1.base / u1.test');
  await expect(rows.nth(1)).toContainText('current model');
  await rows.nth(0).getByTestId('sweep-use-model').click();
  await expect(page.getByTestId('model-chip')).toContainText('λ 0.1');
  await expect(page.getByTestId('nav-inspect')).toBeEnabled();

  // A longer sweep shows time remaining and stops on Cancel, keeping the finished cells.
  await page.getByTestId('sweep-k-on').check();
  await page.getByTestId('sweep-lambda-on').uncheck();
  await page.getByTestId('sweep-factors').fill('30, 40, 50, 60');
  await setNumber(page, 'sweep-iterations', 3000);
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress-time')).toContainText('left', { timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('13b-sweep-running') });
  await page.getByTestId('sweep-progress').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('sweep-progress')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('notice-banner')).toContainText(/cancel/i);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(await page.getByTestId('sweep-row').count()).toBeLessThan(4);
});

test('inspect: fit vs observed, two U heatmaps, recommendations and nearest movies', async ({
  page,
  startServer,
}) => {
  const url = await startServer(ML_100K);
  await openFit(page, url);
  await fitModel(page, 0);
  await fitModel(page, 5);
  await page.getByTestId('go-inspect').click();

  await test.step('fit vs observed: one row per rating, density or counts', async () => {
    const chart = page.getByTestId('fvo-chart');
    await expect(chart.locator('g.fvo-row')).toHaveCount(5);
    await expect(chart).toHaveAttribute('data-mode', 'density');
    await expect(chart.locator('path.fvo-density')).toHaveCount(5);
    const before = await chart.locator('path.fvo-density').first().getAttribute('d');
    await page.getByTestId('fvo-bandwidth').fill('0.4');
    await expect(chart.locator('path.fvo-density').first()).not.toHaveAttribute('d', before ?? '');
    await page.getByTestId('fvo-counts').check();
    await expect(chart).toHaveAttribute('data-mode', 'counts');
    await expect(chart.locator('path.fvo-density')).toHaveCount(0);
    expect(await chart.locator('rect.fvo-bar').count()).toBeGreaterThan(50);
    await expectNoNaN(page, '[data-testid="fvo-chart"] path, [data-testid="fvo-chart"] rect');
    await page.getByTestId('fvo-card').screenshot({ path: screenshotPath('14a-fvo-counts') });
    await page.getByTestId('fvo-density').check();
    await expect(chart.locator('path.fvo-density')).toHaveCount(5);
    await page.getByTestId('fvo-card').screenshot({ path: screenshotPath('14b-fvo-density') });
  });

  await test.step('heatmaps of λ = 0 and λ = 5 on one scale', async () => {
    await expect(page.getByTestId('heatmap-model-a').locator('option:checked')).toContainText(
      'λ 0 ',
    );
    await expect(page.getByTestId('heatmap-model-b').locator('option:checked')).toContainText(
      'λ 5 ',
    );
    for (const side of ['a', 'b']) {
      await expect(page.locator(`[data-testid="heatmap-${side}"] g.cells`)).toHaveAttribute(
        'data-cells',
        String(100 * 10),
      );
    }
    await expect(page.getByTestId('heatmap-legend')).toHaveCount(1);
    await expectNoNaN(page, '[data-testid="heatmaps"] rect');
    await page.getByTestId('heatmaps').screenshot({ path: screenshotPath('14c-heatmaps') });
  });

  await test.step('recommendations for user 1', async () => {
    await setNumber(page, 'rec-user', 1);
    await page.getByTestId('rec-run').click();
    await expect(page.locator('[data-testid="rec-top-rated"] tbody tr')).toHaveCount(10);
    await expect(page.locator('[data-testid="rec-recommended"] tbody tr')).toHaveCount(10);
    await page
      .getByTestId('recommendations')
      .screenshot({ path: screenshotPath('14d-recommendations') });
  });

  await test.step('movies nearest Star Wars', async () => {
    await page.getByTestId('movie-search').fill('Star Wars');
    await page.getByTestId('movie-hit').filter({ hasText: 'Star Wars (1977)' }).click();
    await expect(page.getByTestId('similar-to')).toHaveText('Star Wars (1977)');
    const list = page.locator('[data-testid="similar-list"] li');
    await expect(list).toHaveCount(10);
    const cosine = await list.allTextContents();
    await page.getByTestId('metric-euclidean').check();
    await expect(page.getByTestId('nearest-movies')).toContainText('Euclidean distance');
    await expect(list).toHaveCount(10);
    expect(await list.allTextContents()).not.toEqual(cosine);
    await page.getByTestId('nearest-movies').screenshot({ path: screenshotPath('14e-nearest') });
  });
  await shot(page, '14-inspect');
});
