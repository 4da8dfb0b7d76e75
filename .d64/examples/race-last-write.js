/**
 * A race parfor warns about: a plain assignment to an outer variable inside a prange loop.
 * Serially `val` ends as the last index, n - 1; in parallel every thread assigns its own indices
 * and whichever thread writes last wins, so the result depends on timing.
 */
import { parallel, prange } from "../index.js";
/** Racy: `val = i` is a last-write-wins race between threads. */
export const plain = (n) => {
    let val = -1;
    for (const i of prange(n)) {
        val = i;
    }
    return val;
};
/** The racy kernel; its `diagnostics` name the assignment. */
export const kernel = parallel(plain);
/** Fixed: Math.max is a reduction, so each thread keeps its largest index and parfor combines them. */
export const fixedPlain = (n) => {
    let val = -1;
    for (const i of prange(n)) {
        val = Math.max(val, i);
    }
    return val;
};
/** The fixed kernel: no diagnostics. */
export const fixed = parallel(fixedPlain);
/** The demo's record of this race. */
export const race = {
    name: "race-last-write",
    title: "race: `val = i` in a prange, then `return val`",
    racy: kernel,
    runRacy: (n) => kernel(n),
    runFixed: (n) => fixed(n),
    expected: (n) => n - 1,
    why: "iterations run on several threads at once, so 'the last iteration' no longer means the last write; val is whatever index the slowest thread wrote last",
    fix: "say what you want as a reduction: val = Math.max(val, i) (or compute n - 1 outside the loop)",
};
