import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import { numberIn, setNumber } from './page-helpers';
import { expect, screenshotPath, shot, test } from './serve';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function download(page: Page, button: Locator): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return file;
}

async function openDemo(page: Page): Promise<void> {
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('synthetic-badge')).toBeVisible({ timeout: 60_000 });
}

async function fitDemo(page: Page, iterations: number): Promise<void> {
  await page.getByTestId('nav-fit').click();
  await setNumber(page, 'fit-factors', 10);
  await setNumber(page, 'fit-iterations', iterations);
  await page.getByTestId('fit-run').click();
  await expect(page.getByTestId('fit-status')).toContainText('Finished', { timeout: 120_000 });
}

test('each chart saves as a standalone SVG and a 2× PNG', async ({ page, startServer }) => {
  await page.goto(await startServer());
  await openDemo(page);

  const figure = page.locator('figure.chart').first();
  const svgButton = figure.getByRole('button', { name: /^Save the .+ chart as SVG$/ });
  const pngButton = figure.getByRole('button', { name: /^Save the .+ chart as PNG$/ });
  await expect(svgButton).toHaveText('SVG');
  await expect(pngButton).toHaveText('PNG');
  const label = (await svgButton.getAttribute('aria-label'))!;
  const title = label.replace(/^Save the /, '').replace(/ chart as SVG$/, '');
  expect(title.length).toBeGreaterThan(3);
  await figure.screenshot({ path: screenshotPath('20a-chart-export-buttons') });

  await test.step('SVG: parses, carries the title, paths and inlined styles', async () => {
    const file = await download(page, svgButton);
    expect(file.suggestedFilename()).toMatch(/\.svg$/);
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text).toContain(title);
    expect(text).toMatch(/<path\b/);
    expect(text).toContain('font-family');
    expect(text).not.toMatch(/class="/);
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.nodeName,
        title: doc.querySelector('title')?.textContent ?? '',
        width: Number(doc.documentElement.getAttribute('width')),
      };
    }, text);
    expect(parsed).toMatchObject({ error: 0, root: 'svg', title });
    expect(parsed.width).toBeGreaterThan(100);

    await test.step('PNG: the PNG signature, at twice the SVG width', async () => {
      const png = await download(page, pngButton);
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      const bytes = readFileSync((await png.path())!);
      expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(bytes.readUInt32BE(16)).toBe(parsed.width * 2);
      await png.saveAs(screenshotPath('20c-exported-chart-png'));
    });
  });

  await test.step('the live RMSE chart of a fit saves too', async () => {
    await fitDemo(page, 20);
    const rmse = page.getByRole('button', { name: /^Save the .*RMSE.* chart as SVG$/ }).first();
    await expect(rmse).toBeVisible();
    const text = readFileSync((await (await download(page, rmse)).path())!, 'utf8');
    expect(text).toContain('RMSE');
    expect(text).toMatch(/<path\b/);
    await page
      .locator('figure.chart')
      .first()
      .screenshot({
        path: screenshotPath('20b-fit-chart-export'),
      });
  });
});

test('a saved analysis reopens on the cluster view without recomputing', async ({
  page,
  startServer,
}) => {
  await page.goto(await startServer());
  await openDemo(page);
  await fitDemo(page, 40);
  await page.getByTestId('go-cluster').click();
  await page.getByTestId('cluster-run').click();
  await expect(page.getByTestId('metric-silhouette-kmeans')).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('[data-testid="umap-kmeans"] .point').first()).toBeAttached({
    timeout: 120_000,
  });

  // Pin another candidate as cluster 0's representative.
  await page.getByTestId('candidates-kmeans-0').click();
  await page.getByTestId('cluster-card-kmeans-0').getByTestId('pin-candidate').first().click();
  await expect(page.getByTestId('pinned-kmeans-0')).toHaveText('pinned');
  const representative = await page.getByTestId('representative-kmeans-0').textContent();
  const silhouette = {
    kmeans: await page.getByTestId('metric-silhouette-kmeans').textContent(),
    ward: await page.getByTestId('metric-silhouette-ward').textContent(),
  };
  const summary = await page.getByTestId('cluster-summary').textContent();
  const points = await page.locator('[data-testid="umap-kmeans"] .point').count();

  await page.getByTestId('go-export').click();
  const savePath = page.getByTestId('project-save-path');
  // Suggested under the export root; saved here into a fresh folder (the core writes the file
  // but does not create missing folders).
  expect(await savePath.inputValue()).toMatch(/analysis-[\dT-]+\.factorlens\.json$/);
  const path = join(mkdtempSync(join(tmpdir(), 'factorlens-analysis-')), 'demo.factorlens.json');
  await savePath.fill(path);
  await page.getByTestId('project-save').click();
  await expect(page.getByTestId('notice-banner')).toContainText(`Saved the analysis to ${path}`);
  await page.getByTestId('project-files').screenshot({ path: screenshotPath('21a-save-analysis') });

  // A new session in the same server.
  await page.reload();
  await expect(page.getByTestId('project-open-path')).toBeVisible();
  await page.evaluate(() => {
    const seen = ((window as unknown as { seenJobs: string[] }).seenJobs = [] as string[]);
    new MutationObserver(() => {
      for (const id of ['cluster-progress', 'embed-progress']) {
        if (document.querySelector(`[data-testid="${id}"]`)) seen.push(id);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });

  await test.step('a wrong file gives a one-line error', async () => {
    await page.getByTestId('project-open-path').fill('/nonexistent/nothing.factorlens.json');
    await page.getByTestId('project-open').click();
    const banner = page.getByTestId('error-banner');
    await expect(banner).toContainText('Opening the analysis failed');
    expect((await banner.innerText()).trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  await page.getByTestId('project-open-path').fill(path);
  await page.getByTestId('project-open').click();
  await expect(page.getByTestId('notice-banner')).toContainText('Opened the analysis');
  await expect(page.getByTestId('metric-silhouette-kmeans')).toHaveText(silhouette.kmeans!);
  await expect(page.getByTestId('metric-silhouette-ward')).toHaveText(silhouette.ward!);
  await expect(page.getByTestId('cluster-summary')).toHaveText(summary!);
  await expect(page.getByTestId('pinned-kmeans-0')).toHaveText('pinned');
  await expect(page.getByTestId('representative-kmeans-0')).toHaveText(representative!);
  await expect(page.locator('[data-testid="umap-kmeans"] .point')).toHaveCount(points);
  await expect(page.getByTestId('dataset-chip')).toContainText('Synthetic demo');
  await expect(page.getByTestId('model-chip')).toBeVisible();
  expect(await numberIn(page.getByTestId('metric-silhouette-kmeans'))).not.toBeNaN();
  expect(await page.evaluate(() => (window as unknown as { seenJobs: string[] }).seenJobs)).toEqual(
    [],
  );
  await shot(page, '21b-restored-analysis');
});

/** Presses Tab until the element with this test id has focus (at most `limit` times). */
async function tabTo(page: Page, testid: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const focused = await page.evaluate(
      () => document.activeElement?.getAttribute('data-testid') ?? null,
    );
    if (focused === testid) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${testid} was not reached with Tab in ${limit} presses`);
}

test('keyboard alone opens the demo, fits and reaches the cluster step', async ({
  page,
  startServer,
}) => {
  await page.goto(await startServer());
  await expect(page.getByTestId('open-demo')).toBeEnabled();

  await tabTo(page, 'open-demo');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('synthetic-badge')).toBeVisible({ timeout: 60_000 });

  await tabTo(page, 'nav-fit');
  await page.keyboard.press('Enter');
  await tabTo(page, 'fit-iterations');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('20');
  await expect(page.getByTestId('fit-iterations')).toHaveValue('20');
  await tabTo(page, 'fit-run');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fit-status')).toContainText('Finished', { timeout: 120_000 });
  await expect(page.getByTestId('model-chip')).toContainText('20 it');

  // The chart export buttons are in the tab order, with their labels.
  const exportButton = page.getByRole('button', { name: /chart as SVG$/ }).first();
  await tabTo(page, 'chart-save-svg');
  await expect(exportButton).toBeFocused();

  await tabTo(page, 'go-cluster');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-cluster')).toHaveAttribute('aria-current', 'step');
  await tabTo(page, 'cluster-run');
  await expect(page.getByTestId('cluster-run')).toBeFocused();
  await shot(page, '22-keyboard-cluster-step');
});
