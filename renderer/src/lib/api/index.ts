import type { FactorLensApi } from '../../../../main/contract';
import { createElectronClient } from './electron-client';
import { browserSocketUrl, createWsClient } from './ws-client';

export { ApiError, errorLine, isCancelled } from './api-error';

/** The preload bridge inside Electron, otherwise the WebSocket of the serving page. */
export function createApi(): FactorLensApi {
  if (window.factorlens) return createElectronClient(window.factorlens);
  return createWsClient(browserSocketUrl(window.location));
}

/** A fresh job id for one request, used to route progress events and to cancel. */
export function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a page reached over plain http by host name
  // still has getRandomValues, so build the same version-4 layout from it.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
