import { numberIn, setNumber } from './page-helpers';
import { ML_LATEST_SMALL, expect, hasMlLatestSmall, shot, test } from './serve';

test.skip(
  !hasMlLatestSmall,
  `MovieLens latest-small not found at ${ML_LATEST_SMALL} (it is not redistributable)`,
);

// Half-star ratings from CSV, and about 10,000 points: the map switches to a canvas.
test('latest-small: half-star histogram and a canvas map of 10,000 points', async ({
  page,
  startServer,
}) => {
  const url = await startServer(ML_LATEST_SMALL);
  await page.goto(url);
  await expect(page.getByTestId('count-ratings')).toHaveText('100,836');
  await expect(page.getByTestId('count-users')).toHaveText('610');
  await expect(page.locator('[data-testid="hist-ratings"] rect.bar')).toHaveCount(10);
  await shot(page, '09-latest-small-dataset');

  await page.getByTestId('nav-fit').click();
  // Heavy raters make the default α diverge here; the step the core suggests for it is fine.
  await setNumber(page, 'fit-alpha', 0.00002);
  await setNumber(page, 'fit-iterations', 100);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-status')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('fit-status')).toContainText('Finished');
  expect(await numberIn(page.getByTestId('final-rmse'))).toBeLessThan(1.5);

  await page.getByTestId('nav-cluster').click();
  await page.getByTestId('cluster-run').click();
  await expect(page.getByTestId('metric-silhouette-ward')).toBeVisible({ timeout: 300_000 });
  const canvas = page.locator('[data-testid="umap-kmeans"] canvas.points-canvas');
  await expect(canvas).toBeAttached({ timeout: 300_000 });
  expect(Number(await canvas.getAttribute('data-points'))).toBeGreaterThan(4000);
  await shot(page, '09b-latest-small-cluster');
});
