// Bundles the Node side (CLI, browser-mode server, Electron main and preload, workers) with
// esbuild into dist/node. `--if-stale` skips the build when no source is newer than its output,
// so `npm run analyze` stays quick after the first run.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/node');
const sources = ['main', 'workers', 'package.json', 'scripts/build.mjs'];

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const f of readdirSync(path)) m = Math.max(m, newest(join(path, f)));
  return m;
}

if (process.argv.includes('--if-stale') && existsSync(join(out, '.stamp'))) {
  const built = statSync(join(out, '.stamp')).mtimeMs;
  if (sources.every((s) => newest(join(root, s)) < built)) process.exit(0);
}

const workers = readdirSync(join(root, 'workers')).filter((f) => f.endsWith('.worker.ts'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

// Workers are bundled with their dependencies: in the packaged desktop app they run from
// app.asar.unpacked, where node_modules (inside app.asar) cannot be resolved.
const { packages: _external, ...bundled } = common;
await build({
  ...bundled,
  format: 'esm',
  outdir: join(out, 'workers'),
  entryPoints: Object.fromEntries(
    workers.map((f) => [f.replace('.worker.ts', ''), `workers/${f}`]),
  ),
  banner: {
    js: "import { createRequire as __flCreateRequire } from 'node:module'; const require = __flCreateRequire(import.meta.url);",
  },
});
await build({
  ...common,
  format: 'esm',
  outdir: out,
  entryPoints: {
    analyze: 'main/cli/analyze.ts',
    inspect: 'main/cli/inspect.ts',
    download: 'main/cli/download.ts',
    sweep: 'main/cli/sweep.ts',
    serve: 'main/server/serve.ts',
  },
});
// Electron loads its main entry and the sandboxed preload as CommonJS.
await build({
  ...common,
  format: 'cjs',
  outdir: out,
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  entryPoints: { 'electron-main': 'main/electron/main.ts', preload: 'main/electron/preload.ts' },
});
const { writeFileSync } = await import('node:fs');
writeFileSync(join(out, '.stamp'), new Date().toISOString());
