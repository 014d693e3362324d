/**
 * Electron main process: a thin shell over the transport-free core. It opens one hardened
 * window on the built renderer, binds the contract's single invoke channel to `dispatch`, and
 * relays progress events. Everything numeric runs in the core's worker threads.
 */
import { app, BrowserWindow, ipcMain, Menu, dialog, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Method, requestSchemas } from '../contract';
import { FactorLensCore, defaultExportDir } from '../core/core';
import { dispatch, type DispatchContext } from '../core/dispatch';
import { IPC_INVOKE, IPC_PROGRESS } from './channels';
import { buildMenu } from './menu';

// Bundled to CommonJS in dist/node: workers sit beside this file, the app root two levels up.
const distNode = __dirname;
const appRoot = join(distNode, '..', '..');
const rendererIndex = join(appRoot, 'dist', 'renderer', 'index.html');

const windows = new Set<number>();

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'FactorLens',
    show: false,
    webPreferences: {
      preload: join(distNode, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  windows.add(win.webContents.id);
  win.on('closed', () => windows.delete(win.webContents.id));
  const indexUrl = pathToFileURL(rendererIndex).toString();
  // No navigation away from the app and no new windows; external links go to the browser.
  win.webContents.on('will-navigate', (e, url) => {
    if (url !== indexUrl) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  const core = new FactorLensCore({ workerDir: join(distNode, 'workers'), demoDir: join(appRoot, 'assets', 'demo') });
  const ctx: DispatchContext = {
    core,
    mode: 'electron',
    initialDatasetId: null,
    exportRoot: defaultExportDir(app.getPath('documents')),
  };
  const folderArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
  if (folderArg) {
    try {
      ctx.initialDatasetId = (await core.openDataset('startup', folderArg)).datasetId;
    } catch (e) {
      dialog.showErrorBox('FactorLens could not open the dataset', e instanceof Error ? e.message : String(e));
    }
  }
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, params: unknown) => {
    // Only our own windows, loaded from our own file, may call the core.
    const frameUrl = event.senderFrame?.url ?? '';
    if (!windows.has(event.sender.id) || !frameUrl.startsWith('file://')) {
      throw new Error('request from an unknown sender was refused');
    }
    if (typeof method !== 'string' || !(method in requestSchemas)) throw new Error(`unknown method ${String(method)}`);
    return dispatch(ctx, method as Method, params);
  });
  core.onProgress((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_PROGRESS, event);
  });
  Menu.setApplicationMenu(buildMenu());
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
