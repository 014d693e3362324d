import {
  requestSchemas,
  type FactorLensApi,
  type Method,
  type Params,
  type ProgressEvent,
  type Result,
} from '../../../../main/contract';

type Request = <M extends Method>(method: M, params: Params<M>) => Promise<Result<M>>;

/**
 * One function per method of the contract, each forwarding to `request`: built from the
 * contract's own method list, so a method added there is callable here without more code.
 */
export function apiObject(
  request: Request,
  onProgress: (listener: (event: ProgressEvent) => void) => () => void,
): FactorLensApi {
  const methods = Object.fromEntries(
    (Object.keys(requestSchemas) as Method[]).map((method) => [
      method,
      (params: Params<typeof method>) => request(method, params),
    ]),
  );
  return { ...methods, onProgress } as FactorLensApi;
}
