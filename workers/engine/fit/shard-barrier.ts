/**
 * The rendezvous between the thread that drives a parallel fit and its helper threads, over
 * one shared Int32Array. Per pass, the driver resets DONE, writes the command, bumps GENERATION
 * and notifies; each helper wakes on the new generation, runs its shard, adds 1 to DONE and
 * notifies; the driver, after its own shard, waits until DONE counts every helper. Atomics
 * operations are sequentially consistent, so the factor and residual writes a thread makes
 * before its Atomics.add are visible to the thread that observes the new count.
 *
 * Both sides spin briefly before sleeping: passes are balanced, so the other side is usually
 * microseconds away, and a futex wake-up costs tens of microseconds (per pass, twice an
 * iteration). The spin is bounded so an idle or overloaded machine is not kept busy.
 */
export const GENERATION = 0;
export const COMMAND = 1;
export const DONE = 2;
export const READY = 3;
export const FAILED = 4;
export const CONTROL_SLOTS = 8;

export const ShardCommand = { UsersUpdate: 1, UsersMeasure: 2, Movies: 3, Exit: 4 } as const;
export type ShardCommand = (typeof ShardCommand)[keyof typeof ShardCommand];

const SPINS = 20_000;

/** Driver: starts `command` on every helper. */
export function startPass(ctl: Int32Array, command: ShardCommand): void {
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, COMMAND, command);
  Atomics.add(ctl, GENERATION, 1);
  Atomics.notify(ctl, GENERATION);
}

/** Helper: blocks until the generation differs from `seen`; returns the new one. */
export function waitForPass(ctl: Int32Array, seen: number): number {
  for (let spin = 0; spin < SPINS; spin++) {
    const g = Atomics.load(ctl, GENERATION);
    if (g !== seen) return g;
  }
  for (;;) {
    Atomics.wait(ctl, GENERATION, seen);
    const g = Atomics.load(ctl, GENERATION);
    if (g !== seen) return g;
  }
}

/** Helper: reports its shard done (or failed). */
export function finishPass(ctl: Int32Array, failed = false): void {
  if (failed) Atomics.store(ctl, FAILED, 1);
  Atomics.add(ctl, DONE, 1);
  Atomics.notify(ctl, DONE);
}

type WaitAsync = (
  a: Int32Array,
  index: number,
  value: number,
  timeoutMs?: number,
) =>
  | { async: false; value: 'not-equal' | 'timed-out' }
  | { async: true; value: Promise<'ok' | 'timed-out'> };

/**
 * Driver: resolves once ctl[slot] ≥ count. Waits without blocking the event loop (so worker
 * 'error' and 'exit' events still arrive), calling `check` between waits; `check` throws to
 * give up.
 */
export async function awaitCount(
  ctl: Int32Array,
  slot: number,
  count: number,
  check: () => void,
): Promise<void> {
  for (let spin = 0; spin < SPINS; spin++) if (Atomics.load(ctl, slot) >= count) return;
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  for (;;) {
    const seen = Atomics.load(ctl, slot);
    if (seen >= count) return;
    check();
    const r = waitAsync(ctl, slot, seen, 200);
    if (r.async) await r.value;
  }
}
