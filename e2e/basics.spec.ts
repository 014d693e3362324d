import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numberIn, setNumber } from './page-helpers';
import { expect, repoRoot, shot, test } from './serve';

test.describe('synthetic demo, dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the demo opens labelled as synthetic; a subset fits and clusters', async ({
    page,
    startServer,
  }) => {
    const url = await startServer();
    await page.goto(url);
    await page.getByTestId('open-demo').click();
    await expect(page.getByTestId('synthetic-badge')).toHaveText('Synthetic demo', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('dataset-chip')).toContainText('Synthetic demo');
    const movies = await numberIn(page.getByTestId('count-movies'));
    expect(movies).toBeGreaterThan(300);
    await shot(page, '07-demo-dark');

    await page.getByTestId('nav-fit').click();
    await page.getByTestId('subset-enabled').check();
    await setNumber(page, 'subset-top', 300);
    await page.getByTestId('fit-run').click();
    await expect(page.getByTestId('fit-status')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('fit-status')).toContainText('Finished');
    await expect(page.getByTestId('fit-data')).toContainText('Subset');
    await expect(page.getByTestId('fit-data')).toContainText('300 movies');
    await shot(page, '07a-demo-fit-dark');

    // The Inspect step reads well in the dark theme too.
    await page.getByTestId('go-inspect').click();
    await expect(page.locator('[data-testid="fvo-chart"] g.fvo-row')).toHaveCount(5);
    await expect(page.getByTestId('heatmap-legend')).toHaveCount(1);
    await setNumber(page, 'rec-user', 1);
    await page.getByTestId('rec-run').click();
    await expect(page.locator('[data-testid="rec-recommended"] tbody tr')).toHaveCount(10);
    await shot(page, '07c-demo-inspect-dark');
    await page.getByTestId('nav-cluster').click();

    await page.getByTestId('cluster-run').click();
    await expect(page.locator('[data-testid="umap-ward"] .point').first()).toBeAttached({
      timeout: 120_000,
    });
    // Only the subset's movies are clustered, beside the users.
    const points = await page.locator('[data-testid="umap-kmeans"] path.point.movie').count();
    expect(points).toBe(300);
    await expect(page.getByTestId('dataset-chip')).toContainText('Synthetic demo');
    await shot(page, '07b-demo-cluster-dark');
  });
});

test('a bad path shows a one-line error and the app keeps working', async ({
  page,
  startServer,
}) => {
  const url = await startServer();
  await page.goto(url);
  await page.getByTestId('dataset-path').fill('/nonexistent/ml-nothing');
  await page.getByTestId('open-dataset').click();
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  expect(((await banner.textContent()) ?? '').trim().split('\n')).toHaveLength(1);
  await expect(banner).toContainText('/nonexistent/ml-nothing');
  await expect(page.getByTestId('open-demo')).toBeEnabled();
  await shot(page, '08-error');
});

test('recoverable problems in the files are listed as warnings', async ({ page, startServer }) => {
  // A copy of the bundled demo (100K format) with a blank line, a duplicate pair, a rating
  // outside the scale and a rating of an unknown movie appended to its ratings.
  const dir = mkdtempSync(join(tmpdir(), 'factorlens-warnings-'));
  const copy = join(dir, 'ml-warnings');
  cpSync(join(repoRoot, 'assets', 'demo'), copy, { recursive: true });
  const first = readFileSync(join(copy, 'u.data'), 'utf8').split('\n')[0].split('\t');
  const duplicate = [first[0], first[1], '1', String(Number(first[3]) + 1)].join('\t');
  const bad = ['', duplicate, [first[0], first[1], '9', first[3]].join('\t'), `1\t999999\t3\t1`];
  appendFileSync(join(copy, 'u.data'), `${bad.join('\n')}\n`);
  try {
    const url = await startServer();
    await page.goto(url);
    await page.getByTestId('dataset-path').fill(copy);
    await page.getByTestId('open-dataset').click();
    const table = page.getByTestId('warnings-table');
    await expect(table).toBeVisible({ timeout: 60_000 });
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await expect(table).toContainText('u.data');
    await shot(page, '10-warnings');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
