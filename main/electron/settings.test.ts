import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';
import { DEFAULT_SETTINGS, droppedPath, loadSettings, saveSettings, withRecent } from './settings';

describe('desktop settings', () => {
  it('round-trips recent datasets and the window position', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'fl-settings-')), 'settings.json');
    expect(loadSettings(path)).toEqual(DEFAULT_SETTINGS);
    const s = {
      ...withRecent(DEFAULT_SETTINGS, '/data/ml-100k'),
      window: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
    };
    await saveSettings(path, s);
    expect(loadSettings(path)).toEqual(s);
  });

  it('keeps ten recent datasets, newest first, without duplicates', () => {
    let s = DEFAULT_SETTINGS;
    for (let i = 0; i < 12; i++) s = withRecent(s, `/d/${i}`);
    s = withRecent(s, '/d/5');
    expect(s.recent).toHaveLength(10);
    expect(s.recent.slice(0, 3)).toEqual(['/d/5', '/d/11', '/d/10']);
  });

  it('falls back to defaults on a damaged file instead of failing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'fl-settings-')), 'settings.json');
    writeFileSync(path, '{"recent": 5');
    expect(loadSettings(path)).toEqual(DEFAULT_SETTINGS);
    writeFileSync(path, '{"recent": [1, 2]}');
    expect(loadSettings(path)).toEqual(DEFAULT_SETTINGS);
  });

  it('turns a dropped file:// URL into a path, and ignores other URLs', () => {
    expect(droppedPath('file:///home/ana/ml-100k/')).toBe('/home/ana/ml-100k');
    expect(droppedPath('file:///home/ana/My%20Data/ml-25m.zip')).toBe(
      '/home/ana/My Data/ml-25m.zip',
    );
    expect(droppedPath('https://example.org/')).toBeNull();
  });
});

describe('application menu', () => {
  const calls: string[] = [];
  const handlers = {
    open: () => calls.push('open'),
    openRecent: (p: string) => calls.push(`recent ${p}`),
    openDemo: () => calls.push('demo'),
    cancelJobs: () => calls.push('cancel'),
    exportReport: () => calls.push('export'),
  };

  it('has open, recent, demo, cancel and quit with their shortcuts', () => {
    const [file] = menuTemplate(['/d/a'], handlers, 'linux');
    const items = file.submenu as {
      label?: string;
      accelerator?: string;
      role?: string;
      click?: () => void;
      submenu?: unknown;
    }[];
    const byLabel = (l: string) => items.find((i) => i.label === l)!;
    expect(byLabel('Open Folder or Zip…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Cancel Running Jobs').accelerator).toBe('CmdOrCtrl+.');
    expect(byLabel('Export Report').accelerator).toBe('CmdOrCtrl+E');
    expect(items.find((i) => i.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
    byLabel('Open Folder or Zip…').click!();
    byLabel('Cancel Running Jobs').click!();
    byLabel('Open Synthetic Demo').click!();
    (byLabel('Open Recent').submenu as { click: () => void }[])[0].click();
    expect(calls).toEqual(['open', 'cancel', 'demo', 'recent /d/a']);
  });

  it('adds the app menu on macOS', () => {
    expect(menuTemplate([], handlers, 'darwin')[0].role).toBe('appMenu');
  });
});
