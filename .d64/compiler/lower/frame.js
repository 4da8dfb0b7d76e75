/** Lays out the frame of `k` after type inference and loop analysis. */
export function layoutFrame(k) {
    let off = 0;
    const params = k.params.map((p) => {
        const at = off;
        off += 8;
        if (p.array) {
            // any access whose array may be this argument (analysis/points-to.ts: through array variables too)
            const written = accessed(k, p, true);
            // an argument the kernel may return is given an address of its own (the runtime finds the
            // returned argument by address), so one neither read nor written is copied in too
            const read = accessed(k, p, false) || (!written && pointsToOf(k).returned.some((o) => o.param === p));
            const overwrites = written ? overwriteOf(k, p) : null;
            return { name: p.name, kind: "array", array: p.array, offset: at, lengthOffset: at + 4, read, written, ...(overwrites ? { overwrites } : {}) };
        }
        return { name: p.name, kind: p.paramKind ?? "f", offset: at };
    });
    const loopStart = [];
    const loopStep = [];
    const loopInline = [];
    for (const p of k.pranges) {
        loopStart.push(off);
        loopStep.push(off + 8);
        off += 16;
        loopInline.push(inlinable(p) ? off : undefined);
        if (inlinable(p))
            off += 8;
    }
    const slots = new Map();
    for (const l of k.pranges) {
        const m = l.model;
        for (const v of [...m.liveIn, ...m.reductions.map((r) => r.v), ...m.shared]) {
            if (!slots.has(v)) {
                slots.set(v, off);
                off += 8;
            }
        }
    }
    const arraySlots = new Map();
    const loopArrays = k.pranges.map((l) => {
        const used = new Set();
        forEachExprInStmts(l.body, (e) => {
            const a = e.k === "load" || e.k === "store" || e.k === "updateElem" ? e.ref.array : e.k === "length" ? e.array : null;
            // the kernel's own arrays, and array parameters that are assigned (the frame's parameter slot keeps the argument)
            if (a && (a.kind === "local" || a.alias) && a.owner !== l)
                used.add(a);
        });
        for (const a of used) {
            if (!arraySlots.has(a)) {
                arraySlots.set(a, off);
                off += 8;
            }
        }
        return [...used];
    });
    const returnLength = k.returnArray ? off : null;
    if (returnLength !== null)
        off += 8;
    return { size: Math.max(8, off), params, loopStart, loopStep, loopInline, slots, arraySlots, loopArrays, returnLength };
}
import { forEachExprInStmts } from "../model/walk.js";
import { pointsToOf } from "../analysis/points-to.js";
import { overwriteOf } from "./overwrites.js";
/**
 * Whether `main` may run prange `p` as one call of its loop function when the runtime says the
 * loop is too small for the pool (LoopInfo.inlineOffset): no reductions (their bits depend on the
 * chunks, and the combine runs in the runtime). Without reductions, one call over all iterations
 * computes what the chunks in order compute.
 */
export function inlinable(p) {
    const m = p.model;
    return m.reductions.length === 0 && m.arrayReductions.length === 0 && m.partialBytes === 0;
}
/** Whether an access in `k` may write (or read) the argument of parameter `p`. */
function accessed(k, p, write) {
    const pt = pointsToOf(k);
    let hit = false;
    forEachExprInStmts(k.body, (e) => {
        if (hit || !(e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic"))
            return;
        const writes = e.k === "store" || e.k === "updateElem" || (e.k === "atomic" && e.op !== "load");
        const reads = e.k === "load" || e.k === "updateElem" || e.k === "atomic" || (e.k === "store" && e.op !== "=");
        if (write ? !writes : !reads)
            return;
        if (pt.holds(e).some((o) => o.param === p))
            hit = true;
    });
    return hit;
}
