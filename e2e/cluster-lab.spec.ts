import { numberIn, setNumber } from './page-helpers';
import { ML_100K, ML_100K_MISSING, expect, hasMl100k, screenshotPath, shot, test } from './serve';

test.skip(!hasMl100k, ML_100K_MISSING);

test('cluster lab: k-sweep charts, brushing the map, cluster members and a pinned pick', async ({
  page,
  startServer,
}) => {
  const url = await startServer(ML_100K);
  await page.goto(url);
  await expect(page.getByTestId('count-ratings')).toHaveText('100,000');
  await page.getByTestId('nav-fit').click();
  await setNumber(page, 'fit-factors', 10);
  await setNumber(page, 'fit-iterations', 80);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-status')).toContainText('Finished', { timeout: 120_000 });
  await page.getByTestId('go-cluster').click();
  await page.getByTestId('cluster-run').click();
  await expect(page.getByTestId('metric-silhouette-kmeans')).toBeVisible({ timeout: 120_000 });

  await test.step('k-sweep: three charts, 14 points per method, current k marked', async () => {
    await page.getByTestId('ksweep-run').click();
    for (const chart of ['silhouette', 'davies-bouldin', 'calinski-harabasz']) {
      const id = `ksweep-${chart}`;
      for (const series of ['kmeans', 'hierarchical']) {
        await expect(
          page.locator(`[data-testid="${id}"] .mark[data-series="${series}"]`),
        ).toHaveCount(14, { timeout: 120_000 });
      }
      await expect(page.getByTestId(`${id}-mark`)).toHaveCount(1);
      await expect(page.getByTestId(`${id}-legend`)).toContainText('K-means');
      await expect(page.getByTestId(`${id}-legend`)).toContainText('Ward');
    }
    await expect(page.getByTestId('ksweep-note')).toContainText('Silhouette');
    const marks = await page
      .locator('[data-testid="ksweep"] .mark, [data-testid="ksweep"] path')
      .evaluateAll((els) => els.map((e) => e.outerHTML));
    for (const m of marks) expect(m).not.toMatch(/NaN|Infinity/);
    await page.getByTestId('ksweep').screenshot({ path: screenshotPath('15a-ksweep') });
  });

  await test.step('brushing the K-means map lists and highlights the brushed points', async () => {
    const points = page.locator('[data-testid="umap-kmeans"] .point');
    await expect(points.first()).toBeAttached({ timeout: 180_000 });
    const overlay = page.locator('[data-testid="umap-kmeans-brush"] rect.overlay');
    await overlay.scrollIntoViewIfNeeded();
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    const list = page.getByTestId('brushed-members');
    await expect(list).toBeVisible();
    const users = await list.getByTestId('brushed-members-users').locator('li').count();
    const movies = await list.getByTestId('brushed-members-movies').locator('li').count();
    expect(users + movies).toBeGreaterThan(0);
    await expect(page.getByTestId('brushed-members-counts')).toContainText(`${users} users`);
    // Highlighted in both maps (the rest dimmed) and in the dendrogram's leaves.
    const dimmed = await page.locator('[data-testid="umap-ward"] .point.dim').count();
    expect(dimmed).toBe(943 + 1682 - users - movies);
    expect(
      await page.locator('[data-testid="dendrogram"] circle.leaf-brushed').count(),
    ).toBeGreaterThan(0);
    await page.getByTestId('panel-kmeans').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('15b-brushed') });
    await list.screenshot({ path: screenshotPath('15c-brushed-list') });
    await page
      .getByTestId('dendrogram')
      .screenshot({ path: screenshotPath('15d-dendrogram-brushed') });
    await list.getByRole('button', { name: 'Clear the brush' }).click();
    await expect(list).toHaveCount(0);
    await expect(page.locator('[data-testid="umap-ward"] .point.dim')).toHaveCount(0);
  });

  await test.step('clicking a cluster lists its users and movies', async () => {
    await page.getByTestId('cluster-card-kmeans-1').locator('.cluster-title').click();
    const members = page.getByTestId('cluster-members');
    await expect(members).toBeVisible();
    const [users, movies] = (await page
      .getByTestId('cluster-card-kmeans-1')
      .locator('header .muted')
      .textContent())!
      .match(/[\d,]+/g)!
      .map((s) => Number(s.replace(/,/g, '')));
    await expect(page.getByTestId('cluster-members-counts')).toHaveText(
      `${users.toLocaleString('en-US')} users · ${movies.toLocaleString('en-US')} movies`,
    );
    await members.screenshot({ path: screenshotPath('15e-cluster-members') });
    await members.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('pinning a candidate shows it with a badge; unpin restores', async () => {
    const card = page.getByTestId('cluster-card-kmeans-0');
    const nearest = (await page.getByTestId('representative-kmeans-0').textContent())!.trim();
    await page.getByTestId('candidates-kmeans-0').click();
    const pin = card.getByTestId('pin-candidate').first();
    const label = (await pin.getAttribute('aria-label'))!;
    const title = label.replace(/^Pin /, '').replace(/ as the representative of cluster \d+$/, '');
    await pin.click();
    await expect(page.getByTestId('pinned-kmeans-0')).toHaveText('pinned');
    await expect(page.getByTestId('representative-kmeans-0')).toHaveText(title);
    await card.screenshot({ path: screenshotPath('15f-pinned') });
    await page.getByTestId('unpin-kmeans-0').click();
    await expect(page.getByTestId('pinned-kmeans-0')).toHaveCount(0);
    await expect(page.getByTestId('representative-kmeans-0')).toHaveText(nearest);
  });
  await shot(page, '15-cluster-lab');

  await test.step('average linkage cut by height', async () => {
    await page.getByTestId('cluster-linkage').selectOption('average');
    await page.getByTestId('cut-by-height').check();
    await setNumber(page, 'cluster-cut-height', 4.8);
    await page.getByTestId('cluster-run').click();
    await expect(page.getByTestId('panel-ward')).toContainText('Average linkage (agglomerative)', {
      timeout: 120_000,
    });
    await expect(page.getByTestId('dendrogram')).toContainText(
      'Average linkage dendrogram, cut at height 4.8',
    );
    await expect(page.getByTestId('cluster-summary')).toContainText('cut at height 4.8');
    expect(await numberIn(page.getByTestId('metric-silhouette-ward'))).toBeGreaterThan(-1);
    await page.getByTestId('dendrogram').screenshot({ path: screenshotPath('15g-average-height') });
  });
});
