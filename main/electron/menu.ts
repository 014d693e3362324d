import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The application menu: standard roles; app-specific commands arrive with the desktop issue. */
export function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  if (process.platform === 'darwin') template.unshift({ role: 'appMenu' });
  return Menu.buildFromTemplate(template);
}
