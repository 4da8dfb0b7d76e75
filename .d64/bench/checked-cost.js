/**
 * What checked mode (check: "races") costs: checked / unchecked time per call for three kernels
 * on parfor arrays, 2 threads, in one process. After 2 warm-up calls of each, 9 rounds alternate
 * one unchecked and one checked call, so load from other processes falls on both alike; the
 * ratio is of the fastest calls (the least disturbed), the medians are given too.
 *
 *   node dist/bench/checked-cost.js [--out bench/results/checked-cost.json]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname } from "node:path";
import { array, free, parallel, prange, shutdown } from "../index.js";
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const outFile = outAt >= 0 ? args[outAt + 1] : undefined;
const kernels = {
    "axpy (memory-bound, 2 accesses + 1 write per element)": (x, y, a) => {
        for (const i of prange(x.length))
            y[i] = a * x[i] + y[i];
    },
    "sqrt chain (compute-bound, 1 read + 1 write per element)": (x, y, a) => {
        for (const i of prange(x.length)) {
            let s = x[i];
            for (let k = 0; k < 64; k++)
                s = Math.sqrt(s * s + a + k);
            y[i] = s;
        }
    },
    "gather (index array, 2 reads + 1 write per element)": (x, y, a) => {
        for (const i of prange(x.length))
            y[i] = x[(i * 7919) % x.length] * a;
    },
};
function median(xs) {
    const s = [...xs].sort((p, q) => p - q);
    return s[s.length >> 1];
}
function times(fs) {
    for (const f of fs)
        for (let w = 0; w < 2; w++)
            f();
    const ts = fs.map(() => []);
    for (let r = 0; r < 9; r++) {
        fs.forEach((f, k) => {
            const t0 = performance.now();
            f();
            ts[k].push(performance.now() - t0);
        });
    }
    return ts.map((t) => ({ min: Math.min(...t), median: median(t) }));
}
const n = 1 << 20;
const x = array(Float64Array, n);
for (let i = 0; i < n; i++)
    x[i] = (i % 1000) / 7;
const y = array(Float64Array, n);
const rows = [];
const ms = (t) => Number(t.toFixed(2));
for (const [name, fn] of Object.entries(kernels)) {
    const plain = parallel(fn, { threads: 2 });
    const checked = parallel(fn, { threads: 2, check: "races" });
    const [u, c] = times([() => plain(x, y, 1.5), () => checked(x, y, 1.5)]);
    const ratio = c.min / u.min;
    rows.push({ kernel: name, uncheckedMs: ms(u.min), checkedMs: ms(c.min), ratio: Number(ratio.toFixed(1)), uncheckedMedianMs: ms(u.median), checkedMedianMs: ms(c.median) });
    console.log(`${name}: unchecked ${u.min.toFixed(2)} ms (median ${u.median.toFixed(2)}), checked ${c.min.toFixed(2)} ms (median ${c.median.toFixed(2)}), ${ratio.toFixed(1)}x`);
}
free(x);
free(y);
await shutdown();
if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify({ elements: n, threads: 2, rounds: 9, statistic: "fastest of 9 alternating calls", loadAverage1m: os.loadavg()[0], rows }, null, 2) + "\n");
}
