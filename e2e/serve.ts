/**
 * Test fixture: starts the core in browser mode (`node dist/node/serve.js --port 0 --no-open
 * [folder]`) and hands the test the URL it prints. Every server a test starts is stopped after
 * the test; its stderr is attached to the report when the test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ML_100K = resolve(repoRoot, '..', 'shared', 'datasets', 'ml-100k');
export const hasMl100k = existsSync(join(ML_100K, 'u.data'));
export const ML_LATEST_SMALL = resolve(repoRoot, '..', 'shared', 'datasets', 'ml-latest-small');
export const hasMlLatestSmall = existsSync(join(ML_LATEST_SMALL, 'ratings.csv'));
export const ML_100K_MISSING = `MovieLens 100K not found at ${ML_100K} (it is not redistributable); place it there to run`;

const READY = /FactorLens browser mode: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 60_000;

interface Running {
  child: ChildProcess;
  stderr: string[];
}

/** Starts the server, with `folder` opened at start when given; resolves with its URL. */
type StartServer = (folder?: string | null, extraArgs?: string[]) => Promise<string>;

export const test = base.extend<{ startServer: StartServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  startServer: async ({}, use, testInfo) => {
    const running: Running[] = [];
    await use(async (folder = null, extraArgs = []) => {
      const script = join(repoRoot, 'dist', 'node', 'serve.js');
      if (!existsSync(script)) throw new Error(`${script} is missing; run npm run build first`);
      const args = [script, '--port', '0', '--no-open', ...extraArgs];
      if (folder) args.push(folder);
      const child = spawn(process.execPath, args, {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const entry: Running = { child, stderr: [] };
      running.push(entry);
      child.stderr!.setEncoding('utf8').on('data', (s: string) => entry.stderr.push(s));
      return waitForUrl(entry);
    });
    for (const entry of running) {
      if (testInfo.status !== testInfo.expectedStatus && entry.stderr.length > 0) {
        await testInfo.attach('server stderr', {
          body: entry.stderr.join(''),
          contentType: 'text/plain',
        });
      }
      await stop(entry.child);
    }
  },
});

export { expect } from '@playwright/test';

function waitForUrl({ child, stderr }: Running): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `serve.js printed no URL within ${START_TIMEOUT_MS / 1000} s: ${out}${stderr.join('')}`,
          ),
        ),
      START_TIMEOUT_MS,
    );
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const match = READY.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `serve.js exited with code ${code} before it was ready: ${stderr.join('').trim()}`,
        ),
      );
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}

/** e2e/screenshots/<name>.png (the folder is git-ignored). */
export function screenshotPath(name: string): string {
  return join(repoRoot, 'e2e', 'screenshots', `${name}.png`);
}

/** Saves a full-page screenshot as e2e/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}
