/**
 * electron-builder configuration (`npm run dist`, passed as `--config electron.config.ts`).
 * Worker files must live outside the asar archive: Node's worker_threads cannot start a
 * worker from inside it.
 */
import type { Configuration } from 'electron-builder';

const config: Configuration = {
  appId: 'org.factorlens.app',
  productName: 'FactorLens',
  directories: { output: 'release', buildResources: 'assets/build' },
  files: ['dist/**/*', 'assets/demo/**/*', 'package.json', '!**/*.map'],
  // Worker files (bundled with their dependencies) and the demo must be real files on disk.
  asarUnpack: ['dist/node/workers/**/*', 'assets/demo/**/*'],
  extraMetadata: { main: 'dist/node/electron-main.cjs' },
  linux: { target: ['AppImage', 'deb'], category: 'Science', icon: 'assets/icon.png' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'assets/icon.png',
  },
  win: { target: ['nsis'], icon: 'assets/icon.png' },
  deb: { maintainer: 'FactorLens <factorlens@example.invalid>' },
};

export default config;
