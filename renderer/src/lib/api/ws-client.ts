import {
  parseParams,
  parseResult,
  ServerMessageSchema,
  type FactorLensApi,
  type Method,
  type Params,
  type ProgressEvent,
  type Result,
} from '../../../../main/contract';
import { ApiError } from './api-error';
import { apiObject } from './api-object';

type Pending = { method: Method; resolve: (result: unknown) => void; reject: (e: Error) => void };

/**
 * Browser-mode transport: one WebSocket to the core's server, opened on first use and reopened
 * after a drop. Every frame is validated against the contract before it reaches the app.
 *
 * @param url `ws://host/ws?token=…`; see {@link browserSocketUrl}.
 */
export function createWsClient(url: string): FactorLensApi {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: ProgressEvent) => void>();
  let socket: Promise<WebSocket> | null = null;
  let nextId = 1;

  function connect(): Promise<WebSocket> {
    socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('message', (e) => {
        try {
          receive(e.data);
        } catch (error) {
          // A bug on this side must surface as an error, not leave every call waiting.
          failAll(
            new ApiError(`cannot read a message from FactorLens: ${(error as Error).message}`),
          );
        }
      });
      ws.addEventListener('error', () => reject(new ApiError(`cannot connect to ${redact(url)}`)));
      ws.addEventListener('close', (e) => {
        socket = null;
        const reason = e.reason ? `: ${e.reason}` : '';
        failAll(new ApiError(`connection to FactorLens closed (code ${e.code}${reason})`));
      });
    });
    return socket;
  }

  function failAll(error: ApiError): void {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.reject(error);
    }
  }

  function receive(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      console.warn('ws-client: dropped a frame that is not JSON');
      return;
    }
    const parsed = ServerMessageSchema.safeParse(json);
    if (!parsed.success) {
      console.warn('ws-client: dropped a frame outside the contract', parsed.error.issues[0]);
      return;
    }
    const message = parsed.data;
    if (message.type === 'event') {
      for (const listener of listeners) listener(message.event);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (!message.ok) {
      call.reject(new ApiError(message.error.message, message.error.cancelled));
      return;
    }
    try {
      call.resolve(parseResult(call.method, message.result));
    } catch (error) {
      call.reject(new ApiError((error as Error).message));
    }
  }

  async function request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    const body = parseParams(method, params);
    const ws = await connect();
    const id = nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      pending.set(id, { method, resolve: resolve as (r: unknown) => void, reject });
      ws.send(JSON.stringify({ type: 'request', id, method, params: body }));
    });
  }

  return apiObject(request, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
}

/** The socket URL for the page's own server, carrying the token from `?token=`. */
export function browserSocketUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}

function redact(url: string): string {
  return url.replace(/token=[^&]*/, 'token=…');
}
