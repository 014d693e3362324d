/**
 * Helper thread of a parallel gradient-descent fit: started by fitParallel
 * (workers/engine/fit/fit-parallel.ts), never by the core. Runs its shard of every pass over
 * shared memory until the driving thread says exit; posts `done` with no payload.
 */
import { checkGdShardInput, runGdShard } from './engine/fit/gd-shard-loop';
import { hostJob } from './worker-host';

hostJob<unknown, null>((raw) => {
  runGdShard(checkGdShardInput(raw));
  return null;
});
