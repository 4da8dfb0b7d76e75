/**
 * Memory of per-iteration scratch arrays: a prange over 10^7 iterations whose body makes a 1 KiB
 * array (`new Float64Array(128)`), fills it and sums it. Records the growth of parfor's shared
 * memory (where the threads' arenas live, runtime/arena.ts) and of RSS across the call, the
 * call's time and the plain function's time, on 2 threads.
 *
 *   node dist/bench/scratch-arrays.js [--iterations N] [--threads T] [--out bench/results/scratch-arrays.json]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname } from "node:path";
import { memoryUsage, parallel, prange } from "../index.js";
const args = process.argv.slice(2);
const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const iterations = Number(opt("--iterations", "10000000"));
const threads = Number(opt("--threads", "2"));
const outFile = opt("--out", "");
function scratch(n) {
    let total = 0;
    for (const i of prange(n)) {
        const w = new Float64Array(128);
        for (let j = 0; j < 128; j++)
            w[j] = (i + j) % 7;
        let s = 0;
        for (let j = 0; j < 128; j++)
            s += w[j];
        total += s;
    }
    return total;
}
const k = parallel(scratch, { threads });
k(1000); // compile, start the pool and the arenas
const mem0 = memoryUsage().sharedMemoryBytes;
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const got = k(iterations);
const t1 = performance.now();
const mem1 = memoryUsage().sharedMemoryBytes;
const rss1 = process.memoryUsage().rss;
const t2 = performance.now();
const want = scratch(iterations);
const t3 = performance.now();
if (got !== want)
    throw new Error(`scratch-arrays: compiled ${got}, plain ${want}`);
const MiB = 1024 * 1024;
const result = {
    iterations,
    threads,
    scratchBytesPerIteration: 1024,
    allocatedMiB: Number(((iterations * 1024) / MiB).toFixed(0)),
    sharedMemoryBeforeMiB: Number((mem0 / MiB).toFixed(2)),
    sharedMemoryGrowthMiB: Number(((mem1 - mem0) / MiB).toFixed(2)),
    rssGrowthMiB: Number(((rss1 - rss0) / MiB).toFixed(1)),
    compiledSeconds: Number(((t1 - t0) / 1000).toFixed(3)),
    plainSeconds: Number(((t3 - t2) / 1000).toFixed(3)),
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
};
console.log(`${iterations} iterations x 1 KiB scratch on ${threads} threads: shared memory +${result.sharedMemoryGrowthMiB} MiB ` +
    `(${result.sharedMemoryBeforeMiB} MiB before), RSS +${result.rssGrowthMiB} MiB; compiled ${result.compiledSeconds} s, plain ${result.plainSeconds} s`);
if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
}
