import { numberIn } from './page-helpers';
import { expect, shot, test } from './serve';

test('the synthetic demo opens and is labelled as synthetic', async ({ page, startServer }) => {
  const url = await startServer();
  await page.goto(url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('synthetic-badge')).toHaveText('Synthetic demo', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('dataset-chip')).toContainText('Synthetic demo');
  expect(await numberIn(page.getByTestId('count-ratings'))).toBeGreaterThan(0);
  await shot(page, '07-demo');
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
  await expect(page.getByTestId('open-demo')).toBeEnabled();
  await shot(page, '08-error');
});
