/**
 * The largest event-loop delay during the first `.async` call of a fresh process (goal: at most
 * 20 ms; before the compile worker it was the whole compile, TypeScript's load included).
 *
 *   node dist/bench/event-loop-delay.js [--rounds N] [--out bench/results/event-loop-delay.json]
 *
 * Each round is a new `node` process per case. The child measures with a 1 ms setInterval probe
 * (the longest gap between ticks, less the 1 ms period) and perf_hooks.monitorEventLoopDelay
 * (resolution 1 ms, its max), from just before the call until its promise settles. Cases:
 *   async        first .async of a small kernel (sum of sin)
 *   async-math   first .async of a kernel linking many math functions (a bigger module)
 *   async-many   3 kernels, 12 concurrent first .async calls (two signatures each)
 *   sync         the first synchronous call, timed: how long it blocks (what .async used to);
 *                read probeMaxGapMs and callMs (the histogram's timer had no turn before the block)
 * Other processes on the machine show up as delay too: the 1-minute load average is recorded.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
const CASES = ["async", "async-math", "async-many", "sync"];
async function child(which) {
    const { parallel, prange } = await import("../index.js");
    const small = parallel(function fill(a, x) {
        let s = 0;
        for (const i of prange(a.length)) {
            a[i] = Math.sin(i) * x;
            s += a[i];
        }
        return s;
    });
    const math = parallel(function mix(a, x) {
        let s = 0;
        for (const i of prange(a.length)) {
            const v = i * 1e-3 + x;
            a[i] = Math.exp(-v) + Math.log1p(v) + Math.atan2(v, 2) + Math.cbrt(v) + Math.tanh(v) + Math.asinh(v) + Math.pow(v, 1.5) + Math.cos(v) + Math.tan(v * 0.1) + Math.acos(1 / (1 + v)) + Math.hypot(v, 3);
            s += a[i];
        }
        return s;
    });
    const scale = parallel(function scale(a, b, k) {
        for (const i of prange(a.length))
            b[i] = a[i] * k;
    });
    const a = new Float64Array(100_000);
    const b = new Float64Array(100_000);
    await new Promise((r) => setTimeout(r, 20));
    const h = monitorEventLoopDelay({ resolution: 1 });
    let last = performance.now();
    let maxGap = 0;
    const probe = setInterval(() => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
    }, 1);
    await new Promise((r) => setTimeout(r, 5));
    h.enable();
    last = performance.now();
    maxGap = 0;
    const t0 = performance.now();
    if (which === "sync")
        small(a, 2);
    else if (which === "async")
        await small.async(a, 2);
    else if (which === "async-math")
        await math.async(a, 0.5);
    else {
        const calls = [];
        for (let j = 0; j < 4; j++) {
            calls.push(small.async(a, j + 0.5), small.async(a, j), math.async(a, j + 0.25), scale.async(a, b, j));
        }
        await Promise.all(calls);
    }
    const callMs = performance.now() - t0;
    // one more tick closes a gap that the call's completion ended
    await new Promise((r) => setTimeout(r, 2));
    h.disable();
    clearInterval(probe);
    const { createRequire } = await import("node:module");
    const cache = createRequire(import.meta.url).cache;
    const sample = {
        probeMaxGapMs: Math.max(0, maxGap - 1),
        histogramMaxMs: h.max / 1e6,
        callMs,
        typescriptOnMainThread: Object.keys(cache).some((p) => /[\\/]node_modules[\\/]typescript[\\/]/.test(p)),
    };
    console.log(JSON.stringify(sample));
    const { shutdown } = await import("../index.js");
    await shutdown();
}
function stats(xs) {
    const s = [...xs].sort((p, q) => p - q);
    return { median: +s[s.length >> 1].toFixed(1), max: +s[s.length - 1].toFixed(1) };
}
function parent() {
    const arg = (name) => {
        const i = process.argv.indexOf(name);
        return i >= 0 ? process.argv[i + 1] : undefined;
    };
    const rounds = Number(arg("--rounds") ?? 7);
    const out = arg("--out");
    const self = fileURLToPath(import.meta.url);
    const results = {};
    // other processes on the machine show up as event-loop delay too: the 1-minute load is recorded
    const loadBefore = os.loadavg()[0];
    for (const c of CASES) {
        const samples = [];
        for (let r = 0; r < rounds; r++) {
            const p = spawnSync(process.execPath, [self, "--child", c], { encoding: "utf8", env: { ...process.env, PARFOR_CACHE: "" } });
            if (p.status !== 0)
                throw new Error(`case ${c} failed: ${p.stderr}`);
            samples.push(JSON.parse(p.stdout.trim().split("\n").pop()));
        }
        results[c] = {
            probeMaxGapMs: stats(samples.map((s) => s.probeMaxGapMs)),
            histogramMaxMs: stats(samples.map((s) => s.histogramMaxMs)),
            callMs: stats(samples.map((s) => s.callMs)),
            typescriptOnMainThread: samples.some((s) => s.typescriptOnMainThread),
        };
        console.log(c.padEnd(11), JSON.stringify(results[c]));
    }
    if (out) {
        mkdirSync(dirname(out), { recursive: true });
        const doc = { date: new Date().toISOString(), node: process.version, cores: os.availableParallelism(), loadAverage: { before: loadBefore, after: os.loadavg()[0] }, rounds, goalMs: 20, cases: results };
        writeFileSync(out, JSON.stringify(doc, null, 2) + "\n");
    }
}
const ci = process.argv.indexOf("--child");
if (ci >= 0)
    await child(process.argv[ci + 1]);
else
    parent();
