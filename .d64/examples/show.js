/** Small formatting helpers shared by the demo and the bench. */
import { isNumArray } from "./example.js";
/** A duration in ms, with a sensible unit. */
export function ms(t) {
    if (!Number.isFinite(t))
        return "-";
    if (t < 1)
        return `${(t * 1000).toFixed(0)} µs`;
    if (t < 100)
        return `${t.toFixed(2)} ms`;
    return `${t.toFixed(0)} ms`;
}
/** A ratio a / b as "12.3x". */
export function ratio(a, b) {
    const r = a / b;
    if (!Number.isFinite(r))
        return "-";
    return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`;
}
/** How `ours` compares with `theirs` (two times): "3.2x faster" or "1.5x slower". */
export function faster(ours, theirs) {
    return ours <= theirs ? `${ratio(theirs, ours)} faster` : `${ratio(ours, theirs)} slower`;
}
/** A result for a table: numbers in full, arrays by type and length. */
export function show(v) {
    if (isNumArray(v))
        return `${v.constructor.name}(${v.length})`;
    if (Array.isArray(v)) {
        // several values: the scalars say more than the arrays' lengths
        const parts = v;
        const scalars = parts.filter((p) => !isNumArray(p));
        return (scalars.length > 0 ? scalars : parts).map(show).join(", ");
    }
    return String(v);
}
/** Pads or cuts a cell to width w (left-aligned; right-aligned when `right`). */
export function cell(s, w, right = false) {
    if (s.length > w)
        return s.slice(0, w - 1) + "…";
    return right ? s.padStart(w) : s.padEnd(w);
}
/** Milliseconds spent in fn, and its return value. */
export function timed(fn) {
    const t0 = performance.now();
    const value = fn();
    return { ms: performance.now() - t0, value };
}
