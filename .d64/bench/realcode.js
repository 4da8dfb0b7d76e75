/**
 * The real-code corpus (test/realcode/kernels.ts) against its plain ports: for every kernel that
 * compiles, the plain port (its `prange` loops written back as `for` loops, so the baseline is
 * ordinary JavaScript, not the prange iterator), and parfor at 1, 2 and 4 threads with ordinary
 * typed arrays (copied in and out on every call) and with parfor arrays (`array()`, no copies).
 * Each kernel runs in a process of its own (so one kernel's JIT state and heap do not bias the
 * next); within a process the variants run in interleaved rounds and the medians are compared, so
 * the ratios are fair to each other even when the machine's load changes.
 *
 *   node dist/bench/realcode.js [--only gemm,lud] [--runs 5] [--threads 1,2,4] [--json FILE]
 *
 * Every variant restores its inputs from the originals before each call (outside the timing) and
 * is checked against the plain port first; a wrong result is marked `!` in the table.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { array, free, parallel, shutdown } from "../index.js";
import { corpus, Rng } from "../test/realcode/kernels.js";
import { measureRounds, median } from "./stats.js";
function argOf(v, name) {
    const i = v.indexOf(name);
    return i >= 0 ? v[i + 1] : undefined;
}
/** The top-level comma-separated arguments of a call whose text starts after its `(`; and where it ends. */
function callArgs(src, from) {
    const args = [];
    let depth = 0;
    let start = from;
    for (let i = from; i < src.length; i++) {
        const ch = src[i];
        if (ch === "(" || ch === "[" || ch === "{")
            depth++;
        else if (ch === ")" || ch === "]" || ch === "}") {
            if (depth === 0) {
                args.push(src.slice(start, i).trim());
                return { args, end: i };
            }
            depth--;
        }
        else if (ch === "," && depth === 0) {
            args.push(src.slice(start, i).trim());
            start = i + 1;
        }
    }
    throw new Error("unbalanced prange(...)");
}
/** `for (const i of prange(a, b, s))` written back as `for (let i = a; i < b; i += s)` (steps are positive in the corpus). */
export function toForLoops(src) {
    const re = /for\s*\(\s*const\s+([A-Za-z_$][\w$]*)\s+of\s+prange\s*\(/g;
    let out = "";
    let last = 0;
    for (let m = re.exec(src); m; m = re.exec(src)) {
        const { args, end } = callArgs(src, m.index + m[0].length);
        const close = src.indexOf(")", end + 1);
        const [a, b, s] = args.length === 1 ? ["0", args[0], "1"] : [args[0], args[1], args[2] ?? "1"];
        const v = m[1];
        out += src.slice(last, m.index) + `for (let ${v} = (${a}); ${v} < (${b}); ${v} += (${s}))`;
        last = close + 1;
        re.lastIndex = last;
    }
    return out + src.slice(last);
}
/** The plain port of a kernel: its text and its helpers' text with for loops, bound to the same globals. */
function plainPort(k) {
    const decls = [];
    for (const [name, v] of Object.entries(k.globals ?? {})) {
        if (typeof v === "function")
            decls.push(toForLoops(v.toString()));
        else
            decls.push(`const ${name} = ${String(v)};`);
    }
    const body = `${decls.join("\n")}\nreturn (${toForLoops(k.kernel.toString())});`;
    if (/\bprange\s*\(/.test(body))
        throw new Error(`${k.name}: a prange loop was not rewritten`);
    return new Function(body)();
}
const isArr = (v) => ArrayBuffer.isView(v);
function variant(label, fn, inputs, shared) {
    const owned = [];
    const args = inputs.map((v) => {
        if (!isArr(v))
            return v;
        const C = v.constructor;
        const c = shared ? array(C, v.length) : new C(v.length);
        c.set(v);
        if (shared)
            owned.push(c);
        return c;
    });
    return { label, fn, args, owned };
}
function restore(v, inputs) {
    inputs.forEach((x, i) => {
        if (isArr(x))
            v.args[i].set(x);
    });
}
/** Largest difference from the reference relative to each array's (and the return's) magnitude. */
function relDiff(ref, got) {
    let e = 0;
    const d = (a, b, s) => (Object.is(a, b) ? 0 : Number.isNaN(a) || Number.isNaN(b) ? Infinity : Math.abs(a - b) / Math.max(s, 1e-300));
    // a returned norm near 0 (CG's residual) is compared on the scale of 1, as the differential harness does
    if (typeof ref.ret === "number")
        e = Math.max(e, d(got.ret, ref.ret, Math.max(Math.abs(ref.ret), 1)));
    ref.args.forEach((w, a) => {
        const g = got.args[a];
        if (!isArr(w) || !isArr(g))
            return;
        let s = 0;
        for (let i = 0; i < w.length; i++)
            if (Number.isFinite(w[i]))
                s = Math.max(s, Math.abs(w[i]));
        for (let i = 0; i < w.length; i++)
            e = Math.max(e, d(g[i], w[i], s));
    });
    return e;
}
function child(name, runs, threads) {
    const k = corpus.find((x) => x.name === name);
    if (!k)
        throw new Error(`no kernel ${name}`);
    const inputs = k.inputs(new Rng(7), "bench");
    const plain = plainPort(k);
    const opts = k.globals ? { globals: k.globals } : {};
    const vs = [variant("plain", plain, inputs, false)];
    for (const t of threads) {
        const f = parallel(k.kernel, { ...opts, threads: t, warnings: false });
        vs.push(variant(`${t}T ordinary`, f, inputs, false), variant(`${t}T array()`, f, inputs, true));
    }
    // correctness first: every variant against the plain port, from the same inputs
    const ref = { ret: vs[0].fn(...vs[0].args), args: vs[0].args };
    const tol = k.reduction ? Math.max(k.reduction.tol * 1e3, 1e-9) : 0;
    const wrong = [];
    for (const v of vs.slice(1)) {
        const got = { ret: v.fn(...v.args), args: v.args };
        if (relDiff(ref, got) > tol)
            wrong.push(v.label);
    }
    for (const v of vs)
        restore(v, inputs);
    const t = measureRounds(vs.map((v) => ({ run: () => void v.fn(...v.args), setup: () => restore(v, inputs) })), runs);
    const ms = {};
    vs.forEach((v, i) => (ms[v.label] = t[i].median));
    for (const v of vs)
        for (const a of v.owned)
            free(a);
    return { name, ms, wrong };
}
function parent(argv) {
    const only = argOf(argv, "--only")?.split(",");
    const runs = argOf(argv, "--runs") ?? "5";
    const threads = (argOf(argv, "--threads") ?? "1,2,4").split(",").map(Number);
    const jsonOut = argOf(argv, "--json");
    const names = corpus.filter((k) => !k.pending && (!only || only.includes(k.name))).map((k) => k.name);
    const pending = corpus.filter((k) => k.pending).map((k) => k.name);
    const load0 = loadavg();
    const started = Date.now();
    const results = [];
    const head = ["kernel", "plain ms", ...threads.flatMap((t) => [`${t}T ord`, `${t}T arr`])];
    console.log(`| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|`);
    for (const name of names) {
        const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--kernel", name, "--runs", runs, "--threads", threads.join(",")], {
            stdio: ["ignore", "pipe", "inherit"],
            maxBuffer: 1 << 24,
        }).toString();
        const r = JSON.parse(out.trim().split("\n").pop());
        results.push(r);
        const p = r.ms["plain"];
        const cell = (label) => `${(p / r.ms[label]).toFixed(2)}${r.wrong.includes(label) ? "!" : ""}`;
        console.log(`| ${name} | ${p.toFixed(1)} | ${threads.flatMap((t) => [cell(`${t}T ordinary`), cell(`${t}T array()`)]).join(" | ")} |`);
    }
    const load1 = loadavg();
    const med = (label) => median(results.map((r) => r.ms["plain"] / r.ms[label]));
    const min = (label) => Math.min(...results.map((r) => r.ms["plain"] / r.ms[label]));
    const summary = threads.flatMap((t) => [`${t}T ordinary`, `${t}T array()`]).map((l) => `${l}: median ${med(l).toFixed(2)}x, lowest ${min(l).toFixed(2)}x`);
    console.log(`\nspeed-up over the plain port (plain ms / parfor ms; > 1 is faster), ${results.length} kernels, one process each, medians of ${runs} rounds`);
    console.log(summary.join("\n"));
    console.log(`load average (1, 5, 15 min) before ${load0.map((x) => x.toFixed(2)).join(", ")}, after ${load1.map((x) => x.toFixed(2)).join(", ")}; ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s; pending (not compiled yet): ${pending.join(", ")}`);
    const wrong = results.filter((r) => r.wrong.length);
    if (wrong.length)
        console.log(`WRONG RESULTS: ${wrong.map((r) => `${r.name} (${r.wrong.join(", ")})`).join("; ")}`);
    if (jsonOut)
        writeFileSync(jsonOut, JSON.stringify({ threads, runs: Number(runs), load: { before: load0, after: load1 }, results, pending }, null, 1));
    if (wrong.length)
        process.exitCode = 1;
}
async function main() {
    const argv = process.argv.slice(2);
    const kernel = argOf(argv, "--kernel");
    if (!kernel)
        return parent(argv);
    const r = child(kernel, Number(argOf(argv, "--runs") ?? 5), (argOf(argv, "--threads") ?? "1,2,4").split(",").map(Number));
    await shutdown();
    console.log(JSON.stringify(r));
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
    void main();
