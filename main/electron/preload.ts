/**
 * Sandboxed preload (bundled to CommonJS): exposes one narrow API to the renderer,
 * `window.factorlens = { invoke(method, params), onProgress(listener) }`. Methods are checked
 * against the contract's list here; params are validated in the main process.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { requestSchemas, ProgressEventSchema, type ProgressEvent } from '../contract';
import { IPC_INVOKE, IPC_MENU, IPC_PROGRESS } from './channels';

const methods = new Set(Object.keys(requestSchemas));

contextBridge.exposeInMainWorld('factorlens', {
  invoke(method: string, params: unknown): Promise<unknown> {
    if (!methods.has(method)) return Promise.reject(new Error(`unknown method ${method}`));
    return ipcRenderer.invoke(IPC_INVOKE, method, params);
  },
  onProgress(listener: (event: ProgressEvent) => void): () => void {
    const handler = (_e: IpcRendererEvent, raw: unknown) => {
      const parsed = ProgressEventSchema.safeParse(raw);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(IPC_PROGRESS, handler);
    return () => ipcRenderer.removeListener(IPC_PROGRESS, handler);
  },
  onMenu(listener: (command: 'export') => void): () => void {
    const handler = (_e: IpcRendererEvent, command: unknown) => {
      if (command === 'export') listener(command);
    };
    ipcRenderer.on(IPC_MENU, handler);
    return () => ipcRenderer.removeListener(IPC_MENU, handler);
  },
});
