import { describe, expect, it } from 'vitest';
import { ClientMessageSchema, ServerMessageSchema, parseParams } from './contract';

describe('wire messages', () => {
  it('accepts each kind of server frame', () => {
    const frames = [
      { type: 'response', id: 1, ok: true, result: { anything: 1 } },
      { type: 'response', id: 2, ok: false, error: { message: 'no', cancelled: true } },
      { type: 'event', event: { jobId: 'j', stage: 'fit', fraction: 0.5, message: 'iteration 5' } },
    ];
    for (const f of frames) expect(ServerMessageSchema.safeParse(f).success).toBe(true);
  });

  it('rejects malformed frames', () => {
    expect(ServerMessageSchema.safeParse({ type: 'response', id: 1, ok: false }).success).toBe(
      false,
    );
    expect(
      ServerMessageSchema.safeParse({ type: 'event', event: { jobId: '', stage: 'fit' } }).success,
    ).toBe(false);
    expect(
      ClientMessageSchema.safeParse({ type: 'request', id: 1, method: 'rm -rf', params: {} })
        .success,
    ).toBe(false);
  });

  it('names the method and the field of an invalid request, in one line', () => {
    expect(() =>
      parseParams('fit', { jobId: 'j', datasetId: 'd', params: { factors: 0 } }),
    ).toThrow(/^fit: invalid request: .*factors/);
    try {
      parseParams('cluster', { jobId: 'j' });
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });
});
