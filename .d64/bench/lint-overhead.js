/**
 * Issue 5's speed budget: what parfor's ESLint rules add to linting a 2,000-line file with 50
 * kernels (budget: under 100 ms), and what a keystroke costs in the editor (only the changed
 * kernel is analysed again).
 *
 *   npm run build && node dist/bench/lint-overhead.js [--runs N]
 *
 * Each measurement lints the same text with and without the parfor rules in interleaved rounds
 * (bench/stats.ts), the parser and everything else identical; the difference of the medians is
 * the overhead. "cold" clears the analysis cache before every run (a file never seen: CI);
 * "keystroke" edits one kernel between runs with the cache kept (an editor re-linting).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Linter } from "eslint";
import parfor from "../eslint/index.js";
import { analyseFile, analysisStats, clearAnalysisCache } from "../eslint/analysis.js";
import { measureRounds } from "./stats.js";
const { values } = parseArgs({ options: { runs: { type: "string", default: "15" }, first: { type: "boolean", default: false } } });
const runs = Number(values.runs);
/** A file of `kernels` kernels, padded with plain code to `lines` lines; every fifth kernel races. */
export function lintBenchFile(kernels, lines, typed, edit = 0) {
    const t = (s) => (typed ? s : "");
    const out = ['import { parallel, prange } from "parfor";', ""];
    for (let k = 0; k < kernels; k++) {
        out.push(`/** kernel ${k} */`, `export const k${k} = parallel((a${t(": Float64Array")}, b${t(": Float64Array")}, n${t(": number")})${t(": number")} => {`);
        out.push("  let sum = 0;", "  let last = -1;");
        for (let j = 0; j < 6; j++)
            out.push(`  const c${j} = ${j} * 0.5 + n;`);
        out.push("  for (const i of prange(n)) {", `    const x = a[i] * c0 + b[i] * ${k === 0 ? edit : 1};`);
        for (let j = 0; j < 10; j++)
            out.push(`    const y${j} = Math.sqrt(x * ${j + 1} + c${j % 6});`);
        out.push("    sum += x + y0 + y9;", "    b[i] = x * 2;", k % 5 === 0 ? "    last = i;" : "    a[i] = y1;", "  }", "  return sum + last;", "});", "");
    }
    let filler = 0;
    while (out.length < lines)
        out.push(`export function helper${filler++}(x${t(": number")}) { return x * ${filler} + 1; }`);
    return out.join("\n");
}
const linter = new Linter({ configType: "flat" });
// typescript-eslint's parser loads TypeScript: imported only after the first-file measurement
let tsParser;
const base = (file) => (file.endsWith(".ts") ? [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }] : [{ files: ["**/*.js"] }]);
const withParfor = (file) => [...base(file), parfor.configs.recommended];
function lint(file, text, rules) {
    return linter.verify(text, rules ? withParfor(file) : base(file), { filename: file }).length;
}
function row(label, file, text, between, next) {
    let current = text;
    const [off, on] = measureRounds([
        { setup: () => void (current = next ? next() : text), run: () => lint(file, current, false) },
        { setup: between, run: () => lint(file, current, true) },
    ], runs, 2);
    const add = on.median - off.median;
    console.log(`${label.padEnd(46)} ${off.median.toFixed(1).padStart(7)} ms ${on.median.toFixed(1).padStart(7)} ms ${add.toFixed(1).padStart(7)} ms ${add < 100 ? "ok" : "OVER BUDGET"}`);
}
const js2000 = lintBenchFile(50, 2000, false);
if (values.first) {
    // a fresh process: the first file parfor lints loads TypeScript (unless the parser did)
    lint("first.js", js2000, false);
    const t0 = performance.now();
    lint("first.js", js2000, false);
    const t1 = performance.now();
    lint("first.js", js2000, true);
    const t2 = performance.now();
    console.log(`first file in a process (espree, so parfor loads TypeScript): ${(t2 - t1 - (t1 - t0)).toFixed(1)} ms added`);
    process.exit(0);
}
spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--first"], { stdio: "inherit" });
tsParser = (await import("@typescript-eslint/parser")).default;
const ts2000 = lintBenchFile(50, 2000, true);
console.log(`file: ${ts2000.split("\n").length} lines, 50 kernels, ${lint("bench.ts", ts2000, true)} warnings; runs: ${runs}\n`);
console.log(`${"".padEnd(46)} ${"eslint".padStart(10)} ${"+parfor".padStart(10)} ${"added".padStart(10)}`);
row("cold, typescript-eslint parser, .ts", "bench.ts", ts2000, clearAnalysisCache);
row("cold, espree, .js", "bench.js", js2000, clearAnalysisCache);
// keystroke: every run sees a new text that differs in one kernel
let n = 0;
const edited = (typed) => () => lintBenchFile(50, 2000, typed, ++n);
row("keystroke (one kernel changed), .ts", "bench.ts", ts2000, () => undefined, edited(true));
row("keystroke (one kernel changed), .js", "bench.js", js2000, () => undefined, edited(false));
// the analysis alone after a keystroke, as the tsserver plugin runs it
{
    const before = analysisStats.kernelChecks;
    const times = [];
    for (let r = 0; r < runs; r++) {
        const text = lintBenchFile(50, 2000, true, 1000 + r);
        const t0 = performance.now();
        analyseFile("editor.ts", text);
        times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`\neditor keystroke (analyseFile, tsserver plugin path): median ${times[times.length >> 1].toFixed(1)} ms, kernels analysed per keystroke: ${((analysisStats.kernelChecks - before) / runs).toFixed(2)} (of 50)`);
}
