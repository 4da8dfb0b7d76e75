/**
 * Memory kept by transient kernels: 10,000 distinct kernels, each made, called once on 2 threads
 * and dropped (issue: +330 MiB RSS, 33.5 KiB per kernel, never reclaimed). Runs the
 * `transient-kernels` scenario of test/runtime/fixtures/faults.mjs in a fresh `node --expose-gc`
 * process and records what it reports: growth of RSS, of the JS heap, and of parfor's shared
 * memory in use, plus the live kernels left. The same process first compiles 50 kernels so the
 * compiler's own code and caches are not counted.
 *
 *   node dist/bench/transient-kernels.js [--kernels N] [--out bench/results/transient-kernels.json]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
const args = process.argv.slice(2);
const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const kernels = Number(opt("--kernels", "10000"));
const outFile = opt("--out", "");
// dist/bench/transient-kernels.js -> the repository root is two folders up
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixture = join(root, "test/runtime/fixtures/faults.mjs");
const dist = pathToFileURL(join(root, "dist/")).href;
const t0 = Date.now();
const r = spawnSync(process.execPath, ["--expose-gc", fixture, dist, "transient-kernels"], {
    env: { ...process.env, KERNELS: String(kernels), THREADS: "2" },
    encoding: "utf8",
});
if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
}
const m = JSON.parse(r.stdout.trim().split("\n").pop());
const result = {
    kernels,
    threads: 2,
    seconds: (Date.now() - t0) / 1000,
    loadAverage1m: os.loadavg()[0],
    rssGrowthMiB: Number(m.rssMiB.toFixed(1)),
    heapGrowthMiB: Number(m.heapMiB.toFixed(2)),
    sharedBytesInUse: m.bytesInUse,
    liveKernels: m.liveKernels,
};
console.log(`${kernels} transient kernels: RSS +${result.rssGrowthMiB} MiB, JS heap +${result.heapGrowthMiB} MiB, ` +
    `shared memory in use ${result.sharedBytesInUse} bytes, live kernels ${result.liveKernels}`);
if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
}
