/**
 * parfor's benchmark (`npm run bench`): for every example, the median time of plain JavaScript
 * (the unwrapped function iterating prange, and a hand-written for loop), of parfor on one thread
 * and of parfor on all threads; a hand-written worker_threads pi; the first call in a cold
 * process; compile time; the cost of an almost empty call; with --threads, a scaling table.
 * Prints tables and writes bench/results/<host>-<date>.json and bench/results/latest.json.
 * See bench/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { arch, cpus, hostname, loadavg, platform } from "node:os";
import { free, shutdown } from "../index.js";
import { examples } from "../examples/all.js";
import { compileWith, copyArgs, isNumArray, restoreArgs, sharedArgs, } from "../examples/example.js";
import { example as piExample } from "../examples/pi.js";
import { cell, faster, ms, ratio } from "../examples/show.js";
import { parseArgs, USAGE } from "./args.js";
import { HandWrittenPi } from "./handwritten-pi.js";
import { coldStart, compileTime, emptyCall } from "./latency.js";
import { loops } from "../examples/for-loops.js";
import { measureRounds } from "./stats.js";
/**
 * Times the variants of one example in interleaved rounds, each on its own copy of the input
 * (restored before every call, outside the timing, so a call that does nothing cannot pass on
 * stale output), and checks every variant's last result against `ref`.
 */
function timeVariants(ex, variants, input, ref, runs, failures) {
    const copies = variants.map((v) => (v.shared ? sharedArgs(input) : copyArgs(input)));
    try {
        const rets = variants.map(() => undefined);
        const jobs = variants.map((v, i) => ({
            run: () => (rets[i] = v.fn(...copies[i])),
            setup: () => restoreArgs(copies[i], input),
        }));
        return measureRounds(jobs, runs).map((t, i) => {
            const c = ex.check(ex.output(rets[i], copies[i]), ref);
            if (!c.ok)
                failures.push(`${variants[i].label}: ${c.detail}`);
            return { ...t, ok: c.ok };
        });
    }
    finally {
        copies.forEach((args, i) => {
            if (variants[i].shared)
                for (const a of args)
                    if (isNumArray(a))
                        free(a);
        });
    }
}
function benchExample(ex, args) {
    const input = ex.makeInput();
    const failures = [];
    const loop = loops[ex.name];
    if (!loop)
        throw new Error(`no hand-written loop for ${ex.name}`);
    // the reference result: the unwrapped function, once, on its own copy
    const refArgs = copyArgs(input);
    const ref = ex.output(ex.plain(...refArgs), refArgs);
    const counts = [...new Set([1, args.allThreads, ...args.scaling])];
    const variants = [
        { label: "prange iter", fn: ex.plain, shared: false },
        { label: "for loop", fn: loop, shared: false },
        ...counts.map((t) => ({ label: `parfor ${t} thread(s)`, fn: compileWith(ex, { threads: t }), shared: true })),
    ];
    const [plainPrange, plainLoop, ...parfor] = timeVariants(ex, variants, input, ref, args.runs, failures);
    const byThreads = (t) => parfor[counts.indexOf(t)];
    const scaling = {};
    for (const t of args.scaling)
        scaling[t] = byThreads(t);
    return {
        name: ex.name,
        title: ex.title,
        plainPrange: plainPrange,
        plainLoop: plainLoop,
        parfor1: byThreads(1),
        parforAll: byThreads(args.allThreads),
        scaling,
        failures,
    };
}
function printExamples(results, all) {
    // a time whose result was wrong is marked with "!", and so is every ratio computed from it
    const t = (c) => ms(c.median) + (c.ok ? "" : "!");
    const r = (a, b) => ratio(a.median, b.median) + (a.ok && b.ok ? "" : "!");
    const w = [12, 11, 11, 11, 11, 10, 10, 10];
    const head = ["example", "prange iter", "for loop", "parfor 1T", `parfor ${all}T`, "1T/loop", `${all}T/loop`, `${all}T/1T`];
    console.log(head.map((h, i) => cell(h, w[i], i > 0)).join(" ") + "  check");
    for (const e of results) {
        const row = [
            e.name,
            t(e.plainPrange),
            t(e.plainLoop),
            t(e.parfor1),
            t(e.parforAll),
            r(e.plainLoop, e.parfor1),
            r(e.plainLoop, e.parforAll),
            r(e.parfor1, e.parforAll),
        ];
        const check = e.failures.length === 0 ? "ok" : `FAIL: ${e.failures.join("; ")}`;
        console.log(row.map((c, i) => cell(c, w[i], i > 0)).join(" ") + "  " + check);
    }
    console.log("(medians; ratios are speed-ups: for-loop time / parfor time, 1-thread time / all-threads time; ! = wrong result)");
}
function printScaling(results, threads) {
    console.log(`\nscaling (median ms, speed-up over parfor on 1 thread)`);
    console.log([cell("example", 12), ...threads.map((t) => cell(`${t}T`, 20, true))].join(" "));
    for (const r of results) {
        const base = r.parfor1;
        const cols = threads.map((t) => {
            const c = r.scaling[t];
            const mark = c.ok && base.ok ? "" : "!";
            return cell(`${ms(c.median)} ${ratio(base.median, c.median)}${mark}`, 20, true);
        });
        console.log([cell(r.name, 12), ...cols].join(" "));
    }
}
/** pi on a hand-written worker_threads pool versus parfor on the same number of threads. */
async function benchHandWritten(runs, workers = 2) {
    const t0 = performance.now();
    const pool = await HandWrittenPi.start(workers);
    const startMs = performance.now() - t0;
    const [n] = piExample.makeInput();
    const kernel = compileWith(piExample, { threads: workers });
    let got = 0;
    const none = () => { };
    const [hand, par] = measureRounds([
        { run: () => (got = pool.run(n)), setup: none },
        { run: () => kernel(n), setup: none },
    ], runs);
    await pool.close();
    const check = piExample.check(got, got); // pi's check compares with Math.PI, not with ref
    return { workers, poolStartMs: startMs, handWritten: hand, parfor: par, handWrittenOk: check.ok };
}
function resultsDir() {
    return new URL("../../bench/results/", import.meta.url); // from dist/bench/ to the source tree
}
async function main() {
    let args;
    try {
        args = parseArgs(process.argv.slice(2));
    }
    catch (e) {
        process.stderr.write(`${e.message}\n`);
        return 2;
    }
    if (args.help) {
        console.log(USAGE);
        return 0;
    }
    const cpu = cpus()[0]?.model ?? "unknown cpu";
    const loadBefore = loadavg()[0];
    console.log(`parfor bench: ${args.allThreads} threads (${cpu}), node ${process.version}, ${args.runs} runs per variant after 1 warm-up`);
    console.log(`load average ${loadBefore.toFixed(2)}${loadBefore > args.allThreads / 2 ? " — the machine is busy: parallel speed-ups will be understated" : ""}\n`);
    const chosen = examples.filter((e) => args.only.length === 0 || args.only.includes(e.name));
    const results = [];
    for (const ex of chosen) {
        try {
            results.push(benchExample(ex, args));
        }
        catch (e) {
            console.log(`${ex.name}: FAILED: ${e instanceof Error ? e.message : String(e)}`);
            return 1;
        }
    }
    printExamples(results, args.allThreads);
    if (args.scaling.length > 0)
        printScaling(results, args.scaling);
    const hand = await benchHandWritten(args.runs);
    console.log(`\npi, hand-written worker_threads (${hand.workers} workers, SharedArrayBuffer + Atomics): ${ms(hand.handWritten.median)}` +
        ` vs parfor ${hand.workers} threads ${ms(hand.parfor.median)} (parfor ${faster(hand.parfor.median, hand.handWritten.median)};` +
        ` pool start-up ${ms(hand.poolStartMs)}, not timed in the runs)${hand.handWrittenOk ? "" : " FAIL: wrong result"}`);
    const cold = coldStart();
    console.log(`\ncold process, pi(1e8): first correct result ${ms(cold.timeToFirstResultMs)} after process start` +
        ` (import parfor ${ms(cold.importMs)}, define kernel ${ms(cold.defineKernelMs)}, first call ${ms(cold.firstCallMs)});` +
        ` later calls ${ms(cold.laterCallMs)}, so the first call takes ${ratio(cold.firstCallMs, cold.laterCallMs)} as long;` +
        ` whole child process ${ms(cold.processWallMs)}${cold.firstCorrect ? "" : " FAIL: wrong first result"}`);
    console.log(`a second new kernel in that process (compiler loaded, pool up): first call ${ms(cold.newKernelFirstCallMs)}` +
        ` (compile included), later calls ${ms(cold.newKernelLaterCallMs)}: the first call runs at` +
        ` ${((100 * cold.newKernelLaterCallMs) / cold.newKernelFirstCallMs).toFixed(0)}% of the later calls' speed`);
    const compile = compileTime();
    console.log(`compile a new kernel (compiler loaded): parallel(fn) ${ms(compile.defineMs)}, first call +${ms(compile.firstCallExtraMs)} over later calls (median of ${compile.kernels} kernels)`);
    const empty = emptyCall(2);
    console.log(`almost empty call (prange of 2 iterations, ${empty.threads} threads): ${empty.parforUs.toFixed(2)} µs per call` +
        ` (plain JS ${empty.plainUs.toFixed(3)} µs; median over ${empty.calls} calls)`);
    const date = new Date().toISOString();
    const report = {
        date,
        host: { hostname: hostname(), platform: platform(), arch: arch(), cpu, threads: args.allThreads, node: process.version },
        /** 1-minute load averages before and after: other work on the machine skews every ratio */
        load: { before: loadBefore, after: loadavg()[0] },
        runs: args.runs,
        examples: results,
        handWrittenPi: hand,
        coldStart: cold,
        compile,
        emptyCall: empty,
    };
    const dir = resultsDir();
    mkdirSync(dir, { recursive: true });
    const name = `${hostname().replace(/[^A-Za-z0-9_.-]/g, "_")}-${date.slice(0, 10)}.json`;
    const json = JSON.stringify(report, null, 2) + "\n";
    writeFileSync(new URL(name, dir), json);
    writeFileSync(new URL("latest.json", dir), json);
    console.log(`\nwrote bench/results/${name} and bench/results/latest.json`);
    await shutdown();
    const failed = results.some((r) => r.failures.length > 0) || !hand.handWrittenOk || !cold.firstCorrect;
    return failed ? 1 : 0;
}
process.exitCode = await main();
