/**
 * Runs every example once as plain JavaScript and once with parfor, checks the results and
 * prints a table; then shows the two race examples and their fixes. Exits non-zero if any check
 * fails. `npm run demo`.
 */
import "./warnings.js"; // first: records warnings emitted while the examples compile
import { free, shutdown, threads } from "../index.js";
import { examples } from "./all.js";
import { loops } from "./for-loops.js";
import { copyArgs, isNumArray, restoreArgs, sharedArgs } from "./example.js";
import { kernel as piKernel, check as piCheck } from "./pi.js";
import { runRace } from "./race.js";
import { race as lastWrite } from "./race-last-write.js";
import { race as accumulate } from "./race-accumulate.js";
import { cell, ms, ratio, show, timed } from "./show.js";
/** Kernels with a race parfor warns about, each with its fix. */
const races = [lastWrite, accumulate];
/** One example: plain JS on one copy of the input, parfor on another (in shared memory). */
function runExample(ex) {
    const input = ex.makeInput();
    const plainArgs = copyArgs(input);
    const parArgs = sharedArgs(input);
    try {
        const plain = timed(() => ex.plain(...plainArgs));
        const loopArgs = copyArgs(input);
        const loop = loops[ex.name];
        const forLoop = loop ? timed(() => loop(...loopArgs)) : { ms: NaN };
        const first = timed(() => ex.kernel(...parArgs)); // compiles on first use
        restoreArgs(parArgs, input); // the checked call starts from the input, not from the first call's output
        const par = timed(() => ex.kernel(...parArgs));
        const got = ex.output(par.value, parArgs);
        const check = ex.check(got, ex.output(plain.value, plainArgs));
        return { result: show(got), plainMs: plain.ms, loopMs: forLoop.ms, firstMs: first.ms, parforMs: par.ms, check };
    }
    finally {
        for (const a of parArgs)
            if (isNumArray(a))
                free(a);
    }
}
function failed(e) {
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { result: "-", plainMs: NaN, loopMs: NaN, firstMs: NaN, parforMs: NaN, check: { ok: false, detail } };
}
async function main() {
    let failures = 0;
    console.log(`parfor demo: ${threads()} threads; single runs; "parfor" is a call after the first (compiling) one;`);
    console.log(`plain JS: the unwrapped function (prange iterated as an ordinary iterable); for loop: the same`);
    console.log(`arithmetic hand-written with for loops; speed-up = for loop / parfor (npm run bench: medians)\n`);
    const head = [cell("example", 46), cell("result", 22), cell("plain JS", 9, true), cell("for loop", 9, true), cell("1st call", 9, true), cell("parfor", 9, true), cell("speed-up", 9, true)];
    console.log(head.join(" ") + "  check");
    for (const ex of examples) {
        let row;
        try {
            row = runExample(ex);
        }
        catch (e) {
            row = failed(e);
        }
        if (!row.check.ok)
            failures++;
        const cols = [
            cell(ex.title, 46),
            cell(row.result, 22),
            cell(ms(row.plainMs), 9, true),
            cell(ms(row.loopMs), 9, true),
            cell(ms(row.firstMs), 9, true),
            cell(ms(row.parforMs), 9, true),
            cell(ratio(row.loopMs, row.parforMs), 9, true),
        ];
        console.log(`${cols.join(" ")}  ${row.check.ok ? "ok" : "FAIL"}: ${row.check.detail}`);
    }
    // k.async never blocks the event loop: the calling thread waits for the workers asynchronously.
    try {
        const pending = piKernel.async(1e7);
        const c = piCheck(await pending);
        if (!c.ok)
            failures++;
        console.log(`\nawait pi.async(1e7): ${c.ok ? "ok" : "FAIL"}: ${c.detail}`);
    }
    catch (e) {
        failures++;
        console.log(`\nawait pi.async(1e7): FAIL: ${String(e)}`);
    }
    for (const race of races) {
        console.log(`\n${race.title}`);
        try {
            const report = await runRace(race, 1e7, (line) => console.log(line));
            if (!report.check.ok)
                failures++;
            console.log(`    ${report.check.ok ? "ok" : "FAIL"}: ${report.check.detail}`);
        }
        catch (e) {
            failures++;
            console.log(`    FAIL: ${String(e)}`);
        }
    }
    console.log(failures === 0 ? "\nall checks passed" : `\n${failures} check(s) FAILED`);
    await shutdown();
    return failures === 0 ? 0 : 1;
}
process.exitCode = await main();
