/**
 * ns per call of each Math function wasm lacks, in one run: a compiled kernel (1 thread; its
 * `math.<name>` import is the math library, runtime/mathlib.ts) against the same loop in plain
 * JavaScript (V8's Math, optimised by TurboFan), over 10^6 inputs in a range typical for the
 * function. Both sum the results, and the kernel's sum is checked against the plain loop's.
 *
 *   node dist/bench/math-calls.js [--runs N] [--only exp,sin,...]
 *
 * Times are CPU time of this process (process.cpuUsage), the minimum over the runs, so other
 * processes on a shared machine disturb them less than wall-clock medians; the kernel runs on
 * the calling thread and idle pool workers sleep in Atomics.wait. "loop" is the cost of the same
 * loop summing a[i] (no call), for reference. Writes bench/results/math-calls.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, hostname } from "node:os";
import { parseArgs } from "node:util";
import { parallel, shutdown } from "../index.js";
const CASES = [
    { name: "exp", arity: 1, x: [-10, 10] },
    { name: "expm1", arity: 1, x: [-2, 2] },
    { name: "log", arity: 1, x: [1e-3, 1000] },
    { name: "log1p", arity: 1, x: [-0.9, 10] },
    { name: "log2", arity: 1, x: [1e-3, 1000] },
    { name: "log10", arity: 1, x: [1e-3, 1000] },
    { name: "sin", arity: 1, x: [-10, 10] },
    { name: "cos", arity: 1, x: [-10, 10] },
    { name: "tan", arity: 1, x: [-10, 10] },
    { name: "asin", arity: 1, x: [-1, 1] },
    { name: "acos", arity: 1, x: [-1, 1] },
    { name: "atan", arity: 1, x: [-10, 10] },
    { name: "sinh", arity: 1, x: [-10, 10] },
    { name: "cosh", arity: 1, x: [-10, 10] },
    { name: "tanh", arity: 1, x: [-5, 5] },
    { name: "asinh", arity: 1, x: [-100, 100] },
    { name: "acosh", arity: 1, x: [1, 100] },
    { name: "atanh", arity: 1, x: [-0.99, 0.99] },
    { name: "cbrt", arity: 1, x: [-1000, 1000] },
    { name: "pow", arity: 2, x: [0, 10], y: [-5, 5] },
    { name: "atan2", arity: 2, x: [-10, 10], y: [-10, 10] },
    { name: "hypot", arity: 2, x: [-10, 10], y: [-10, 10] },
];
/** A kernel and a plain loop for `expr` (in a[i], b[i]), each its own function object. */
function variants(expr) {
    const kernelSrc = `return (a, b) => { let s = 0; for (const i of prange(a.length)) s += ${expr}; return s; };`;
    const plainSrc = `return (a, b) => { let s = 0; for (let i = 0; i < a.length; i++) s += ${expr}; return s; };`;
    const k = new Function("prange", kernelSrc)(undefined);
    const kernel = parallel(k, { threads: 1 });
    const plain = new Function(plainSrc)();
    return { kernel, plain };
}
function cpuMs(f) {
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    return (d.user + d.system) / 1000;
}
/** Deterministic inputs in [lo, hi). */
function fill(n, [lo, hi], seed) {
    const a = new Float64Array(n);
    let s = seed >>> 0;
    for (let i = 0; i < n; i++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        a[i] = lo + ((hi - lo) * s) / 2 ** 32;
    }
    return a;
}
export function benchMath(runs, only, n = 1_000_000) {
    const measure = (expr, a, b) => {
        const { kernel, plain } = variants(expr);
        let kBest = Infinity;
        let pBest = Infinity;
        let kSum = 0;
        let pSum = 0;
        for (let r = 0; r <= runs; r++) {
            // the first round warms both up (compile, tier-up) and is not counted
            const k = cpuMs(() => (kSum = kernel(a, b)));
            const p = cpuMs(() => (pSum = plain(a, b)));
            if (r > 0) {
                kBest = Math.min(kBest, k);
                pBest = Math.min(pBest, p);
            }
        }
        // the kernel adds chunk sums in a fixed order: equal within reassociation error
        const ok = Math.abs(kSum - pSum) <= 1e-9 * Math.max(1, Math.abs(pSum)) || (Number.isNaN(kSum) && Number.isNaN(pSum));
        return { kernelNs: (kBest / n) * 1e6, plainNs: (pBest / n) * 1e6, ok };
    };
    const base = measure("a[i]", fill(n, [0, 1], 1), fill(n, [0, 1], 2));
    const results = [];
    CASES.forEach((c, idx) => {
        if (only && !only.has(c.name))
            return;
        const a = fill(n, c.x, 100 + idx);
        const b = fill(n, c.y ?? [0, 1], 200 + idx);
        const m = measure(c.arity === 1 ? `Math.${c.name}(a[i])` : `Math.${c.name}(a[i], b[i])`, a, b);
        results.push({ name: c.name, ...m, speedup: m.plainNs / m.kernelNs });
    });
    return { loop: { kernelNs: base.kernelNs, plainNs: base.plainNs }, results };
}
async function main() {
    const { values } = parseArgs({ options: { runs: { type: "string", default: "7" }, only: { type: "string" } } });
    const runs = Math.max(1, Number(values.runs));
    const only = values.only ? new Set(values.only.split(",")) : undefined;
    const { loop, results } = benchMath(runs, only);
    const pad = (s, w) => s.padStart(w);
    console.log(`Math calls, ns per call (CPU time, min of ${runs} runs, 10^6 calls each)\n`);
    console.log(`${"function".padEnd(10)}${pad("kernel 1T", 11)}${pad("plain JS", 11)}${pad("JS/kernel", 11)}  check`);
    for (const r of results) {
        console.log(`${r.name.padEnd(10)}${pad(r.kernelNs.toFixed(2), 11)}${pad(r.plainNs.toFixed(2), 11)}${pad(r.speedup.toFixed(2) + "x", 11)}  ${r.ok ? "ok" : "WRONG"}`);
    }
    console.log(`${"(loop)".padEnd(10)}${pad(loop.kernelNs.toFixed(2), 11)}${pad(loop.plainNs.toFixed(2), 11)}   summing a[i] without a call`);
    mkdirSync(new URL("../../bench/results/", import.meta.url), { recursive: true });
    const out = new URL("../../bench/results/math-calls.json", import.meta.url);
    writeFileSync(out, JSON.stringify({ host: { name: hostname(), cpu: cpus()[0]?.model, threads: cpus().length, node: process.version }, runs, loop, results }, null, 2) + "\n");
    console.log(`\nwrote bench/results/math-calls.json`);
    await shutdown();
    if (results.some((r) => !r.ok))
        process.exitCode = 1;
}
if (import.meta.url === `file://${process.argv[1]}`)
    await main();
