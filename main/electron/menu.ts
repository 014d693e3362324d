import type { MenuItemConstructorOptions } from 'electron';

export interface MenuHandlers {
  open(): void;
  openRecent(path: string): void;
  openDemo(): void;
  cancelJobs(): void;
  exportReport(): void;
}

/**
 * The application menu as data (tested without Electron): open a folder or zip (Ctrl/Cmd+O),
 * recent datasets, the demo, cancel running jobs (Ctrl/Cmd+.), quit (Ctrl/Cmd+Q), and the
 * standard edit/view/window menus.
 */
export function menuTemplate(
  recent: string[],
  h: MenuHandlers,
  platform = process.platform,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Folder or Zip…', accelerator: 'CmdOrCtrl+O', click: () => h.open() },
      {
        label: 'Open Recent',
        enabled: recent.length > 0,
        submenu:
          recent.length > 0
            ? recent.map((path) => ({ label: path, click: () => h.openRecent(path) }))
            : [{ label: 'none', enabled: false }],
      },
      { label: 'Open Synthetic Demo', click: () => h.openDemo() },
      { type: 'separator' },
      { label: 'Export Report', accelerator: 'CmdOrCtrl+E', click: () => h.exportReport() },
      { label: 'Cancel Running Jobs', accelerator: 'CmdOrCtrl+.', click: () => h.cancelJobs() },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  if (platform === 'darwin') template.unshift({ role: 'appMenu' });
  return template;
}
