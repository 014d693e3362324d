/**
 * Electron main process: a thin shell over the transport-free core. It opens one hardened
 * window on the built renderer, binds the contract's single invoke channel to `dispatch`, and
 * relays progress events. Everything numeric runs in the core's worker threads.
 */
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  dialog,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Method, requestSchemas } from '../contract';
import { FactorLensCore, defaultExportDir } from '../core/core';
import { dispatch, type DispatchContext } from '../core/dispatch';
import { IPC_INVOKE, IPC_MENU, IPC_PROGRESS } from './channels';
import { menuTemplate } from './menu';
import { unpacked } from './paths';
import { droppedPath, loadSettings, saveSettings, withRecent, type Settings } from './settings';
import { writeFileAtomic } from '../report/write-report';
import {
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  isAllowedNavigation,
  isExternalLink,
  isTrustedSender,
} from './security';

// Bundled to CommonJS in dist/node: workers sit beside this file, the app root two levels up.
const distNode = __dirname;
const appRoot = join(distNode, '..', '..');
const rendererIndex = join(appRoot, 'dist', 'renderer', 'index.html');

const windows = new Set<number>();
const indexUrl = pathToFileURL(rendererIndex).toString();

let settings: Settings;
let settingsPath = '';
/** Opens a dataset from the menu, a drop or a recent entry; set once the core exists. */
let openAndShow: (path: string | null) => void = () => {};

function createWindow(): BrowserWindow {
  const bounds = settings.window;
  const win = new BrowserWindow({
    width: bounds?.width ?? 1400,
    height: bounds?.height ?? 900,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    title: 'FactorLens',
    show: false,
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: join(distNode, 'preload.cjs'),
    },
  });
  windows.add(win.webContents.id);
  const id = win.webContents.id;
  win.on('closed', () => windows.delete(id));
  if (bounds?.maximized) win.maximize();
  // Remember where the window was.
  win.on('close', () => {
    const b = win.getNormalBounds();
    settings = { ...settings, window: { ...b, maximized: win.isMaximized() } };
    void saveSettings(settingsPath, settings);
  });
  // No navigation away from the app and no new windows; external links go to the browser.
  win.webContents.on('will-navigate', (e, url) => {
    if (isAllowedNavigation(url, indexUrl)) return;
    e.preventDefault();
    // A folder or zip dropped on the window arrives as a navigation to its file:// URL.
    const dropped = droppedPath(url);
    if (dropped) openAndShow(dropped);
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

/**
 * The desktop app adds report.pdf beside the HTML report: the same self-contained page,
 * printed by Chromium in a hidden window with scripts disabled.
 */
async function printReportToPdf(dir: string): Promise<string[]> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false },
  });
  try {
    await win.loadFile(join(dir, 'report.html'));
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    await writeFileAtomic(join(dir, 'report.pdf'), pdf);
    return ['report.pdf'];
  } finally {
    win.destroy();
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  settingsPath = join(app.getPath('userData'), 'settings.json');
  settings = loadSettings(settingsPath);
  const core = new FactorLensCore({
    workerDir: unpacked(join(distNode, 'workers')),
    demoDir: unpacked(join(appRoot, 'assets', 'demo')),
  });
  const ctx: DispatchContext = {
    core,
    mode: 'electron',
    initialDatasetId: null,
    exportRoot: defaultExportDir(app.getPath('documents')),
    afterExport: printReportToPdf,
  };
  const folderArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
  if (folderArg) {
    try {
      ctx.initialDatasetId = (await core.openDataset('startup', folderArg)).datasetId;
    } catch (e) {
      dialog.showErrorBox(
        'FactorLens could not open the dataset',
        e instanceof Error ? e.message : String(e),
      );
    }
  }
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, params: unknown) => {
    // Only our own windows, loaded from our own file, may call the core.
    if (!isTrustedSender(event.sender.id, event.senderFrame?.url, windows, indexUrl)) {
      throw new Error('request from an unknown sender was refused');
    }
    if (typeof method !== 'string' || !(method in requestSchemas))
      throw new Error(`unknown method ${String(method)}`);
    return dispatch(ctx, method as Method, params);
  });
  core.onProgress((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_PROGRESS, event);
  });
  // The renderer's files carry a CSP meta tag too; the header covers every response.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(settings.recent, {
          open: () => {
            void dialog
              .showOpenDialog({
                title: 'Open a MovieLens folder or zip',
                properties: ['openDirectory', 'openFile'],
                filters: [{ name: 'MovieLens release', extensions: ['zip'] }],
              })
              .then((r) => {
                if (!r.canceled && r.filePaths[0]) openAndShow(r.filePaths[0]);
              });
          },
          openRecent: (path) => openAndShow(path),
          openDemo: () => openAndShow(null),
          cancelJobs: () => core.cancelAll(),
          exportReport: () =>
            BrowserWindow.getFocusedWindow()?.webContents.send(IPC_MENU, 'export'),
        }),
      ),
    );
  // Opening from the shell reloads the window, which then shows the dataset (getState).
  openAndShow = (path) => {
    core.openDataset(`menu-${Date.now()}`, path).then(
      (summary) => {
        ctx.initialDatasetId = summary.datasetId;
        if (path) {
          settings = withRecent(settings, path);
          void saveSettings(settingsPath, settings);
          setMenu();
        }
        for (const w of BrowserWindow.getAllWindows()) w.webContents.reload();
      },
      (e: unknown) =>
        dialog.showErrorBox(
          'FactorLens could not open the dataset',
          e instanceof Error ? e.message : String(e),
        ),
    );
  };
  setMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

main().catch((e: unknown) => {
  dialog.showErrorBox('FactorLens failed to start', e instanceof Error ? e.message : String(e));
  app.quit();
});
