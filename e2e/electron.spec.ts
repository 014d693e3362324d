import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { expect, repoRoot, screenshotPath, test } from './serve';

/**
 * The Electron executable, found the way `require('electron')` finds it but without its side
 * effect: that call downloads the binary when it is missing.
 */
function electronBinary(): string | null {
  const dir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

const binary = electronBinary();
const mainScript = ['electron-main.js', 'electron-main.cjs']
  .map((name) => join(repoRoot, 'dist', 'node', name))
  .find((path) => existsSync(path));

test.skip(
  binary === null,
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); run where it is present',
);

test('the desktop window shows the app and opens the synthetic demo', async () => {
  test.skip(
    process.platform === 'linux' && !process.env.DISPLAY,
    'no X display; run under xvfb-run',
  );
  expect(mainScript, 'dist/node/electron-main.js is missing; run npm run build').toBeDefined();
  const app = await electron.launch({
    executablePath: binary!,
    args: ['--no-sandbox', '--disable-gpu', mainScript!],
    cwd: repoRoot,
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('navigation', { name: 'Steps' })).toBeVisible();
    await expect(win.getByText('Desktop app')).toBeVisible();
    await win.getByTestId('open-demo').click();
    await expect(win.getByTestId('synthetic-badge')).toBeVisible({ timeout: 60_000 });
    await expect(win.getByTestId('count-ratings')).not.toHaveText('');
    await win.screenshot({ path: screenshotPath('electron') });
  } finally {
    await app.close();
  }
});
