// A module Web Worker of the page that calls kernels synchronously, as a Node program would: a
// worker may block, so the calling thread waits for its pool's workers in Atomics.wait.
import "./count-waits.js";
import { array, free, memoryUsage, parallel, prange } from "parfor";

/** About 25 ms a call: long enough that the worker's helper joins and the caller waits for its last chunk. */
function sumPlain(a: Float64Array, n: number): number {
  let s = 0;
  for (const i of prange(n)) {
    let t = 0;
    for (let j = 0; j < 100; j++) t += Math.sqrt(a[i]! + j);
    s += t * 0.5 + (i % 5);
  }
  return s;
}
const sum = parallel(sumPlain);

function scalePlain(a: Float64Array, k: number): void {
  for (const i of prange(a.length)) a[i] = a[i]! * k - i;
}
const scale = parallel(scalePlain);

/** Pool workers that have run at least one job (their ACK slot in parfor's control block moved). */
function workersUsed(): number {
  const probe = array(Int32Array, 1);
  const ctl = new Int32Array(probe.buffer, 0, 256 + 512 * 16);
  let used = 0;
  for (let w = 0; w < 512; w++) if (ctl[256 + w * 16 + 3]! > 0) used++;
  free(probe);
  return used;
}

const counter = (globalThis as unknown as { parforWaits: { waits: number } }).parforWaits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run() {
  const n = 200_000;
  const a = array(Float64Array, n);
  for (let i = 0; i < n; i++) a[i] = i % 1000;
  const plain = sumPlain(a, n);
  const first = sum(a, n); // the pool starts; its workers boot once this worker returns to its event loop
  // until the helper has run a job (a loaded machine boots it late), then until a call waited
  const isolated = (globalThis as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const results: number[] = [];
  let before = counter.waits;
  for (const until = performance.now() + 20_000; performance.now() < until; ) {
    if (isolated && workersUsed() === 0) {
      await sleep(100);
      before = counter.waits;
    }
    results.push(sum(a, n));
    if (results.length >= 3 && (!isolated || (workersUsed() > 0 && counter.waits > before))) break;
  }
  const b = new Float64Array(100_000).map((_, i) => i / 3);
  const c = Float64Array.from(b);
  scale(b, 1.5);
  scalePlain(c, 1.5);
  const waits = counter.waits - before;
  const used = workersUsed();
  postMessage({
    isolated,
    first,
    plain,
    results,
    scaleEqual: b.every((x, i) => Object.is(x, c[i])),
    waits,
    calls: results.length,
    workersUsed: used,
    poolSize: memoryUsage().poolSize,
  });
}
run().catch((e: Error) => postMessage({ error: `${e.constructor.name}: ${e.message}` }));
