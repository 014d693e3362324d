/**
 * `npm run download -- <release>`: fetches a MovieLens release from GroupLens into the cache
 * (checksum-verified; reused when already there) and prints the zip's path, ready for
 * `npm run analyze -- <path>`.
 */
import { Command } from 'commander';
import { RELEASE_FILES, defaultCacheDir, downloadRelease, GROUPLENS_BASE } from '../core/download';
import { fail } from './common';

const program = new Command()
  .name('download')
  .description(
    `Download a MovieLens release (${Object.keys(RELEASE_FILES).join(', ')}) from GroupLens.`,
  )
  .argument('<release>', 'release name, e.g. 100k or latest-small')
  .option('--cache <dir>', 'cache folder', defaultCacheDir())
  .configureOutput({
    outputError: (s, write) => write(`factorlens: ${s.replace(/^error: /, '')}`),
  });

async function main(): Promise<void> {
  program.parse();
  const [release] = program.args;
  const tty = process.stderr.isTTY;
  const r = await downloadRelease(release, {
    cacheDir: program.opts().cache,
    baseUrl: process.env.FACTORLENS_DOWNLOAD_BASE ?? GROUPLENS_BASE,
    onProgress: (bytes, total) => {
      if (tty)
        process.stderr.write(
          `\r\x1b[2Kdownload: ${(bytes / 1e6).toFixed(1)}${total ? ` of ${(total / 1e6).toFixed(1)}` : ''} MB`,
        );
    },
  });
  if (tty) process.stderr.write('\n');
  process.stderr.write(`${r.cached ? 'already cached' : 'downloaded'}; MD5 ${r.md5} verified\n`);
  process.stdout.write(`${r.path}\n`);
}

main().catch((e: unknown) => fail(e));
