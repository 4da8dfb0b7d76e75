/**
 * What every example shares: the Example record the demo and the bench run, input helpers and
 * result checks. An example file defines its kernel once as a plain function (`plain`), wraps it
 * with `parallel`, and describes how to make its input and how to tell a right answer.
 */
import { array, parallel } from "../index.js";
/** Turns a typed spec into an Example. */
export function defineExample(spec) {
    const output = spec.output ?? ((ret) => ret);
    return {
        name: spec.name,
        title: spec.title,
        plain: spec.plain,
        kernel: spec.kernel,
        options: spec.options ?? {},
        makeInput: spec.makeInput,
        output: output,
        check: spec.check,
    };
}
/** `parallel(example.plain, {...example.options, ...extra})`: the same kernel with other settings. */
export function compileWith(example, extra) {
    return parallel(example.plain, { ...example.options, ...extra });
}
/** Copies the arguments: typed arrays into fresh ordinary arrays, scalars as they are. */
export function copyArgs(args) {
    return args.map((a) => (isNumArray(a) ? a.slice() : a));
}
/** Copies the arguments with typed arrays placed on parfor's shared memory (`array`, zero copy). */
export function sharedArgs(args) {
    return args.map((a) => {
        if (!isNumArray(a))
            return a;
        // the same element type as a (typed as Float64Array only to pick one overload)
        const copy = array(a.constructor, a.length);
        copy.set(a);
        return copy;
    });
}
/**
 * Copies `input`'s arrays back into `args` (a copy made by copyArgs or sharedArgs), so every run
 * starts from the same state and a call that silently does nothing cannot pass its check by
 * leaving an earlier call's output in place.
 */
export function restoreArgs(args, input) {
    args.forEach((a, i) => {
        const src = input[i];
        if (isNumArray(a) && isNumArray(src))
            a.set(src);
    });
}
/** A small deterministic generator (mulberry32) so every run sees the same "random" input. */
export function rng(seed) {
    let s = seed >>> 0;
    return () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** A Float64Array of n values uniform in [lo, hi). */
export function randomArray(n, seed, lo = 0, hi = 1) {
    const next = rng(seed);
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++)
        a[i] = lo + (hi - lo) * next();
    return a;
}
function asNumber(v) {
    if (typeof v !== "number")
        throw new TypeError(`expected a number result, got ${typeof v}`);
    return v;
}
/** |got - want| <= tol * max(1, |want|): relative for big values, absolute near zero. */
export function near(got, want, tol, what = "exact") {
    const g = asNumber(got);
    const err = Math.abs(g - want);
    const allowed = tol * Math.max(1, Math.abs(want));
    const ok = err <= allowed;
    return { ok, detail: `${what} ${want}, error ${err.toExponential(2)} (allowed ${allowed.toExponential(1)})` };
}
/** Exact equality with a number computed by exact math. */
export function exactly(got, want, what = "exact") {
    const ok = asNumber(got) === want;
    return { ok, detail: ok ? `equals ${what} ${want}` : `expected ${what} ${want}, got ${String(got)}` };
}
/** Whether a value is a typed array. */
export function isNumArray(v) {
    return ArrayBuffer.isView(v) && !(v instanceof DataView);
}
/** Element-wise comparison of two arrays, each element within tol (relative, as in `near`). */
export function sameArray(got, ref, tol = 0) {
    if (!isNumArray(got) || !isNumArray(ref)) {
        return { ok: false, detail: "expected array results" };
    }
    if (got.length !== ref.length) {
        return { ok: false, detail: `length ${got.length}, expected ${ref.length}` };
    }
    let worst = 0;
    let bad = -1;
    for (let i = 0; i < got.length; i++) {
        const want = ref[i];
        const err = Math.abs(got[i] - want) / Math.max(1, Math.abs(want));
        if (!(err <= tol)) {
            bad = i;
            break;
        }
        worst = Math.max(worst, err);
    }
    if (bad >= 0) {
        return { ok: false, detail: `element ${bad} is ${got[bad]}, plain JS gives ${ref[bad]}` };
    }
    const how = tol === 0 ? "identical to" : `within ${tol} of (worst ${worst.toExponential(1)})`;
    return { ok: true, detail: `${got.length} elements ${how} plain JS` };
}
/** Both checks must pass. */
export function both(a, b) {
    return { ok: a.ok && b.ok, detail: `${a.detail}; ${b.detail}` };
}
