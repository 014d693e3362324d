import { describe, expect, it } from 'vitest';
import { createElectronClient, type FactorLensBridge } from './electron-client';

function bridge(invoke: FactorLensBridge['invoke']): FactorLensBridge {
  return { invoke, onProgress: () => () => {} };
}

describe('createElectronClient', () => {
  it('returns results that match the contract', async () => {
    const api = createElectronClient(bridge(async () => true));
    await expect(api.cancel({ jobId: 'job-1' })).resolves.toBe(true);
  });

  it('rejects a result outside the contract, naming the method', async () => {
    const api = createElectronClient(bridge(async () => 'yes'));
    await expect(api.cancel({ jobId: 'job-1' })).rejects.toThrow(/^cancel: invalid response/);
  });

  it('unwraps the IPC prefix and reads the cancelled flag from the class name', async () => {
    const api = createElectronClient(
      bridge(async () => {
        throw new Error(
          "Error invoking remote method 'factorlens:invoke': CancelledError: fit cancelled",
        );
      }),
    );
    await expect(api.cancel({ jobId: 'job-1' })).rejects.toMatchObject({
      message: 'fit cancelled',
      cancelled: true,
    });
  });

  it('keeps a user error as one line, not cancelled', async () => {
    const api = createElectronClient(
      bridge(async () => {
        throw new Error(
          "Error invoking remote method 'factorlens:invoke': UserError: /x: no such file or folder",
        );
      }),
    );
    await expect(api.getState({})).rejects.toMatchObject({
      message: '/x: no such file or folder',
      cancelled: false,
    });
  });

  it('exposes every method of the contract', () => {
    const api = createElectronClient(bridge(async () => null));
    for (const method of ['getState', 'openDataset', 'fit', 'cluster', 'embed', 'exportReport']) {
      expect(typeof (api as unknown as Record<string, unknown>)[method]).toBe('function');
    }
  });
});
