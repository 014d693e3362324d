import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../electron.config';

describe('packaging configuration (electron.config.ts)', () => {
  it('builds AppImage and deb, dmg and NSIS with the icon from assets/', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
      expect(typeof icon === 'string' && existsSync(icon), String(icon)).toBe(true);
    }
  });

  it('ships the built app and the demo, and unpacks worker files from the asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'assets/demo/**/*']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/node/workers/**/*']));
    expect(config.extraMetadata?.main).toBe('dist/node/electron-main.cjs');
  });

  it('keeps electron and electron-builder out of the runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.dependencies['electron-builder']).toBeUndefined();
    expect(pkg.devDependencies.electron).toMatch(/^\^45\./);
    expect(pkg.main).toBe('dist/node/electron-main.cjs');
  });

  it('gives the renderer page a CSP without inline or remote scripts', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});

describe('paths in the packaged app', () => {
  it('points workers and the demo at app.asar.unpacked, and leaves other paths alone', async () => {
    const { unpacked } = await import('./paths');
    expect(unpacked('/opt/FactorLens/resources/app.asar/dist/node/workers')).toBe(
      '/opt/FactorLens/resources/app.asar.unpacked/dist/node/workers',
    );
    expect(unpacked('C:\\FactorLens\\resources\\app.asar\\assets\\demo')).toBe(
      'C:\\FactorLens\\resources\\app.asar.unpacked\\assets\\demo',
    );
    expect(unpacked('/home/ana/factorlens/dist/node/workers')).toBe(
      '/home/ana/factorlens/dist/node/workers',
    );
  });

  it('bundles each worker with its dependencies (they cannot resolve node_modules from outside the asar)', () => {
    for (const f of ['load', 'fit', 'fit-shard', 'cluster', 'ksweep', 'embed']) {
      const code = readFileSync(`dist/node/workers/${f}.js`, 'utf8');
      expect(code, f).not.toMatch(/from\s+["'](zod|umap-js|fflate|papaparse)["']/);
    }
  });
});
