/**
 * Issue 13's speed budget for the static checker: `parfor check` on a generated 2,000-line file of
 * tiled kernels (bench/tiled-file.ts) must take under a second. Reports the whole file's time
 * (after one warm-up check, median and fastest of the runs, and the least CPU time of a run, which
 * load from other processes disturbs less), the slowest kernel, and the warnings.
 *
 *   npm run build && node dist/bench/check-speed.js [--runs 5] [--out bench/results/check-speed.json]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { checkFile } from "../cli/check.js";
import { check, findKernels } from "../compiler/index.js";
import { tiledFile } from "./tiled-file.js";
const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, out: { type: "string" }, lines: { type: "string", default: "2000" } } });
const { text, kernels } = tiledFile(Number(values.lines));
const lines = text.split("\n").length;
const first0 = performance.now();
const diags = checkFile("tiled.js", text);
const firstMs = performance.now() - first0;
const ts = [];
const cpu = [];
for (let r = 0; r < Number(values.runs); r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    checkFile("tiled.js", text);
    const c = process.cpuUsage(c0);
    ts.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
}
ts.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
let slowest = { name: "", ms: 0 };
for (const k of findKernels("tiled.js", text).kernels) {
    const t0 = performance.now();
    check(k.text, { globals: k.globals });
    const ms = performance.now() - t0;
    if (ms > slowest.ms)
        slowest = { name: k.text.slice(0, 60).split("\n")[0], ms };
}
const byCode = {};
for (const d of diags)
    byCode[d.code] = (byCode[d.code] ?? 0) + 1;
const result = {
    lines,
    kernels,
    firstCheckMs: Math.round(firstMs),
    medianMs: Math.round(ts[ts.length >> 1]),
    fastestMs: Math.round(ts[0]),
    /** CPU time of the process during the fastest-CPU run (less disturbed by load than wall time) */
    cpuMs: Math.round(cpu[0]),
    slowestKernelMs: Math.round(slowest.ms),
    diagnostics: diags.length,
    byCode,
    loadAverage1m: os.loadavg()[0],
};
console.log(`parfor check, ${lines} lines, ${kernels} tiled kernels: first ${result.firstCheckMs} ms, median ${result.medianMs} ms, fastest ${result.fastestMs} ms, CPU ${result.cpuMs} ms; slowest kernel ${result.slowestKernelMs} ms (${slowest.name}); ${diags.length} diagnostics ${JSON.stringify(byCode)}; load ${result.loadAverage1m.toFixed(1)}`);
if (values.out) {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, JSON.stringify(result, null, 2) + "\n");
}
