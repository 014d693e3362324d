/**
 * A worker that crashes is reported and the app stays usable (issue 6). The server runs with a
 * 16 MB heap cap per worker (`--worker-memory-mb 16`): on the synthetic demo, loading, fitting
 * and clustering fit in it but the UMAP worker runs out of memory and is ended by Node.
 */
import { setNumber } from './page-helpers';
import { expect, shot, test } from './serve';

test('a worker that runs out of memory is reported, and the app keeps working', async ({
  page,
  startServer,
}) => {
  const url = await startServer(null, ['--worker-memory-mb', '16']);
  await page.goto(url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('synthetic-badge')).toHaveText('Synthetic demo', {
    timeout: 60_000,
  });
  await page.getByTestId('nav-fit').click();
  await setNumber(page, 'fit-iterations', 20);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-status')).toContainText('Finished', { timeout: 60_000 });
  await page.getByTestId('nav-cluster').click();
  await page.getByTestId('cluster-run').click();
  // The clustering itself arrives; the map's worker crashes and says so in one line.
  await expect(page.getByTestId('error-banner')).toContainText('embed worker crashed', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('error-banner')).toContainText('memory limit');
  await expect(page.getByTestId('metric-silhouette-kmeans')).toBeVisible();
  await shot(page, '23-worker-crashed');
  // Still usable: another fit runs to the end on the same server.
  await page.getByTestId('nav-fit').click();
  await setNumber(page, 'fit-iterations', 10);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-status')).toContainText('Finished', { timeout: 60_000 });
  await expect(page.locator('[data-testid="chart-rmse"] path.series').first()).toHaveAttribute(
    'data-points',
    '10',
  );
});
