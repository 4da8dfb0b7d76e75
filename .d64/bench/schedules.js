/**
 * Schedules and fork-join (issue 14, item 5), ratios within one process:
 *   balance   a triangular loop (`for j < i`) and the row-major Mandelbrot of the issue-7 seeds
 *             ([0,1)², one row per iteration) on 2 threads, static vs guided (the default) vs
 *             dynamic; cells are ms per call and speed-ups over the plain loop
 *   forkjoin  µs per step of `for (t < steps) for (const i of prange(n))` (tiny n, a body with a
 *             one-trip inner loop so that each iteration is a chunk: the cost of a prange), and a time-stepped 1-D stencil at several n, on 1 and 2 threads,
 *             with small pranges kept serial (the default) and forced onto the pool
 *   threshold per-prange µs of an elementwise loop of n iterations, 1 thread vs 2 forced: where
 *             the pool starts to pay
 *
 *   node dist/bench/schedules.js [--only balance,forkjoin,threshold] [--runs 7] [--procs 3]
 *
 * --procs N: the median of each cell over N fresh processes. The 1-minute load average is printed
 * next to every table (before and after).
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { array, parallel, prange, shutdown } from "../index.js";
import { setSerialSmall } from "../runtime/dispatch.js";
import { measureRounds, median } from "./stats.js";
const tri = (a, out, n) => {
    for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < i; j++)
            s += a[j] * a[i - j];
        out[i] = s;
    }
};
const triLoop = (a, out, n) => {
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < i; j++)
            s += a[j] * a[i - j];
        out[i] = s;
    }
};
const mandel = (out, w, h, maxIter) => {
    for (const y of prange(h)) {
        for (let x = 0; x < w; x++) {
            let zr = 0;
            let zi = 0;
            let k = 0;
            while (k < maxIter && zr * zr + zi * zi < 4) {
                const t = zr * zr - zi * zi + x / w;
                zi = 2 * zr * zi + y / h;
                zr = t;
                k++;
            }
            out[y * w + x] = k;
        }
    }
};
const mandelLoop = (out, w, h, maxIter) => {
    for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
            let zr = 0;
            let zi = 0;
            let k = 0;
            while (k < maxIter && zr * zr + zi * zi < 4) {
                const t = zr * zr - zi * zi + x / w;
                zi = 2 * zr * zi + y / h;
                zr = t;
                k++;
            }
            out[y * w + x] = k;
        }
    }
};
const steps = (a, t) => {
    for (let s = 0; s < t; s++)
        for (const i of prange(a.length))
            a[i] = a[i] * 0.5 + 1;
};
/** As `steps` with a one-trip inner loop: chunks of one iteration, so prange(2) hands one to a helper. */
const stepsInner = (a, t) => {
    for (let s = 0; s < t; s++) {
        for (const i of prange(a.length)) {
            let x = a[i];
            for (let j = 0; j < 1; j++)
                x = x * 0.5 + 1;
            a[i] = x;
        }
    }
};
const stencil = (a, b, t) => {
    const n = a.length;
    for (let s = 0; s < t; s++) {
        for (const i of prange(1, n - 1))
            b[i] = (a[i - 1] + a[i] + a[i + 1]) / 3;
        for (const i of prange(1, n - 1))
            a[i] = b[i];
    }
};
const stencilLoop = (a, b, t) => {
    const n = a.length;
    for (let s = 0; s < t; s++) {
        for (let i = 1; i < n - 1; i++)
            b[i] = (a[i - 1] + a[i] + a[i + 1]) / 3;
        for (let i = 1; i < n - 1; i++)
            a[i] = b[i];
    }
};
const compile = (f, o) => parallel(f, o);
/** Times each variant (interleaved rounds, medians, ms); `forced` variants run with small pranges on the pool. */
function time(variants, runs) {
    return measureRounds(variants.map((v) => ({
        run: () => {
            setSerialSmall(v.forced !== true);
            v.run();
            setSerialSmall(true);
        },
        setup: () => { },
    })), runs, 2).map((t) => t.median);
}
const fill = (a) => {
    for (let i = 0; i < a.length; i++)
        a[i] = ((i * 7919) % 1000) / 1000;
    return a;
};
function balance(runs) {
    const rows = [];
    const n = 6000;
    const a = fill(array(Float64Array, n + 1));
    const o = array(Float64Array, n);
    const w = 1000;
    const img = array(Int32Array, w * w);
    const cases = [
        [`triangular n=${n}`, tri, triLoop, [a, o, n]],
        [`Mandelbrot [0,1)² ${w}², rows`, mandel, mandelLoop, [img, w, w, 200]],
    ];
    for (const [name, k, loop, args] of cases) {
        const v = [
            { run: () => loop(...args) },
            ...["static", "guided", "dynamic"].map((schedule) => {
                const f = compile(k, { threads: 2, schedule });
                return { run: () => f(...args) };
            }),
            { run: ((f) => () => f(...args))(compile(k, { threads: 1 })) },
        ];
        const t = time(v, runs);
        rows.push([name, t[0], t[4], t[1], t[2], t[3], t[1] / t[2], t[0] / t[1], t[0] / t[2]]);
    }
    return {
        head: ["kernel", "JS ms", "1T ms", "2T static ms", "2T guided ms", "2T dynamic ms", "static/guided", "static speed-up", "guided speed-up"],
        rows,
    };
}
function forkjoin(runs) {
    const rows = [];
    const T = 10_000;
    for (const n of [2, 64]) {
        const a = array(Float64Array, n);
        const k1 = compile(stepsInner, { threads: 1 });
        const ks = compile(stepsInner, { threads: 2, schedule: "static" });
        const kg = compile(stepsInner, { threads: 2 });
        const t = time([
            { run: () => k1(a, T) },
            { run: () => ks(a, T), forced: true },
            { run: () => kg(a, T), forced: true },
            { run: () => kg(a, T) },
        ], runs).map((ms) => (ms * 1000) / T);
        rows.push([`prange(${n}) per step`, Number.NaN, t[0], t[1], t[2], t[3]]);
    }
    for (const n of [1000, 10_000, 100_000]) {
        const S = Math.max(20, Math.round(2e6 / n));
        const a = fill(array(Float64Array, n));
        const b = array(Float64Array, n);
        const k1 = compile(stencil, { threads: 1 });
        const ks = compile(stencil, { threads: 2, schedule: "static" });
        const kg = compile(stencil, { threads: 2 });
        const t = time([
            { run: () => stencilLoop(a, b, S) },
            { run: () => k1(a, b, S) },
            { run: () => ks(a, b, S), forced: true },
            { run: () => kg(a, b, S), forced: true },
            { run: () => kg(a, b, S) },
        ], runs).map((ms) => (ms * 1000) / S);
        rows.push([`stencil n=${n} per step (2 pranges)`, ...t]);
    }
    return { head: ["loop", "JS µs", "1T µs", "2T static forced µs", "2T guided forced µs", "2T default µs"], rows };
}
function threshold(runs) {
    const rows = [];
    const k1 = compile(steps, { threads: 1 });
    const k2 = compile(steps, { threads: 2 });
    for (const n of [256, 1024, 4096, 16_384, 65_536]) {
        const S = Math.max(50, Math.round(4e6 / n));
        const a = array(Float64Array, n);
        const t = time([{ run: () => k1(a, S) }, { run: () => k2(a, S), forced: true }, { run: () => k2(a, S) }], runs).map((ms) => (ms * 1000) / S);
        rows.push([`n=${n}`, t[0], t[1], t[2], t[0] / t[1]]);
    }
    return { head: ["prange", "1T µs", "2T forced µs", "2T default µs", "2T forced speed-up"], rows };
}
const SECTIONS = { balance, forkjoin, threshold };
function print(name, s, note) {
    console.log(`\n${name} (${note})\n| ${s.head.join(" | ")} |\n|${s.head.map(() => "---").join("|")}|`);
    for (const r of s.rows)
        console.log(`| ${r[0]} | ${r.slice(1).map((x) => (Number.isNaN(x) ? "" : x.toFixed(2))).join(" | ")} |`);
}
function argOf(v, name) {
    const i = v.indexOf(name);
    return i >= 0 ? v[i + 1] : undefined;
}
async function main() {
    const argv = process.argv.slice(2);
    const runs = Number(argOf(argv, "--runs") ?? 7);
    const only = argOf(argv, "--only")?.split(",") ?? Object.keys(SECTIONS);
    const procs = Number(argOf(argv, "--procs") ?? 1);
    const load0 = loadavg()[0].toFixed(2);
    let out = {};
    if (procs > 1) {
        const args = argv.filter((x, i) => x !== "--procs" && argv[i - 1] !== "--procs");
        const all = [];
        for (let p = 0; p < procs; p++) {
            const text = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args, "--json"], { stdio: ["ignore", "pipe", "inherit"] }).toString();
            all.push(JSON.parse(text.trim().split("\n").pop()));
        }
        for (const name of Object.keys(all[0])) {
            const first = all[0][name];
            out[name] = { head: first.head, rows: first.rows.map((r, i) => [r[0], ...r.slice(1).map((_, c) => median(all.map((x) => x[name].rows[i][c + 1])))]) };
        }
    }
    else {
        for (const name of only)
            out[name] = SECTIONS[name](runs);
        if (argv.includes("--json")) {
            console.log(JSON.stringify(out, (_, v) => (typeof v === "number" && Number.isNaN(v) ? null : v)));
            await shutdown();
            return;
        }
    }
    out = Object.fromEntries(Object.entries(out).map(([k, s]) => [k, { ...s, rows: s.rows.map((r) => r.map((x) => (x === null ? Number.NaN : x))) }]));
    const note = `${procs > 1 ? `median of ${procs} processes` : "one process"}, load average ${load0} before, ${loadavg()[0].toFixed(2)} after`;
    for (const [name, s] of Object.entries(out))
        print(name, s, note);
    await shutdown();
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
    void main();
