import {
  ProgressEventSchema,
  parseParams,
  parseResult,
  type FactorLensApi,
  type Method,
  type Params,
  type ProgressEvent,
  type Result,
} from '../../../../main/contract';
import { ApiError } from './api-error';
import { apiObject } from './api-object';

/** What the preload exposes on `window.factorlens` through `contextBridge`. */
export interface FactorLensBridge {
  invoke(method: Method, params: unknown): Promise<unknown>;
  onProgress(listener: (event: unknown) => void): () => void;
  /** Desktop menu commands the page carries out (File › Export Report). */
  onMenu?(listener: (command: 'export') => void): () => void;
}

declare global {
  interface Window {
    factorlens?: FactorLensBridge;
  }
}

/** Electron transport: the preload bridge, with results validated here as well. */
export function createElectronClient(bridge: FactorLensBridge): FactorLensApi {
  async function request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    let result: unknown;
    try {
      result = await bridge.invoke(method, parseParams(method, params));
    } catch (error) {
      throw toApiError(error);
    }
    try {
      return parseResult(method, result);
    } catch (error) {
      throw new ApiError((error as Error).message);
    }
  }

  return apiObject(request, (listener: (event: ProgressEvent) => void) =>
    bridge.onProgress((event) => {
      const parsed = ProgressEventSchema.safeParse(event);
      if (parsed.success) listener(parsed.data);
      else console.warn('electron-client: dropped a progress event outside the contract');
    }),
  );
}

// ipcRenderer.invoke wraps a rejection as "Error invoking remote method 'fit': Error: …".
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

function toApiError(error: unknown): ApiError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(IPC_PREFIX, '');
  const flagged = (error as { cancelled?: unknown } | null)?.cancelled === true;
  // An Error's own properties do not survive IPC, so the class name in the text is the flag.
  return new ApiError(message, flagged || /\bCancelledError: /.test(raw));
}
