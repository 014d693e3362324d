// Measures how long a running fit takes to stop after cancel (target: within 200 ms), using the
// built core on the bundled demo: `npx tsx bench/cancel.bench.ts`. Run after `npm run build`.
import { join } from 'node:path';
import { DEFAULT_FIT_PARAMS } from '../main/contract';
import { FactorLensCore } from '../main/core/core';

const root = new URL('..', import.meta.url).pathname;
const core = new FactorLensCore({
  workerDir: join(root, 'dist/node/workers'),
  demoDir: join(root, 'assets/demo'),
});
const s = await core.openDataset('load', process.argv[2] ?? null);
const latencies: number[] = [];
for (let run = 0; run < 5; run++) {
  let asked = 0;
  const off = core.onProgress((e) => {
    if (e.stage === 'fit' && asked === 0 && (e.fitPoints?.at(-1)?.iteration ?? 0) >= 20) {
      asked = performance.now();
      core.cancel(`fit${run}`);
    }
  });
  await core.fit(`fit${run}`, s.datasetId, {
    ...DEFAULT_FIT_PARAMS,
    iterations: 100000,
    seed: run,
  });
  latencies.push(performance.now() - asked);
  off();
}
console.log(
  JSON.stringify({ dataset: s.name, cancel_to_result_ms: latencies.map((x) => +x.toFixed(1)) }),
);
