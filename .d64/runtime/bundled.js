import { checkShape, checkVariant } from "./verify-artifact.js";
import { warn } from "./platform.js";
const bound = new WeakMap();
/** Binds a bundle made by the bundler plugin to its kernel function and returns the function. */
export function bindPrecompiled(fn, bundle) {
    if (typeof fn === "function" && bundle !== null && typeof bundle === "object")
        bound.set(fn, bundle);
    return fn;
}
/** The rank of a scalar kind in the order s ⊂ i ⊂ f (as aot/store.ts bestVariant). */
const RANK = { s: 0, i: 1, f: 2 };
/** Among `have`, the variant that accepts `sig` and is the most specific (exact first). */
function best(sig, have) {
    let out = null;
    let bestCost = Infinity;
    for (const key of have) {
        const other = key === "" ? [] : key.split(",");
        if (other.length !== sig.length)
            continue;
        let cost = 0;
        for (let i = 0; i < sig.length && cost !== Infinity; i++) {
            const a = sig[i];
            const b = other[i];
            if (a === b)
                continue;
            const ra = RANK[a];
            const rb = RANK[b];
            cost = ra !== undefined && rb !== undefined && rb > ra ? cost + rb - ra : Infinity;
        }
        if (cost < bestCost) {
            bestCost = cost;
            out = key;
        }
    }
    return out;
}
function decodeBase64(s) {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++)
        out[i] = bin.charCodeAt(i);
    return out;
}
const NONE = { shape: null, aheadOfTime: false, find: () => null, store: () => { } };
const reported = new Set();
function distrust(where, problem) {
    if (reported.has(where))
        return;
    reported.add(where);
    warn(`parfor: ${where} is not used: ${problem}; bundle it again.`, "ParforWarning", "PARFOR_PRECOMPILED");
}
/** The bundled kernels of `fn`, checked on use. */
export function bundledFor(fn) {
    const b = bound.get(fn);
    if (b === undefined)
        return NONE;
    const label = `bundled kernel '${String(b.name)}'`;
    const problem = typeof b.variants === "object" && b.variants !== null ? checkShape(b.shape, fn.length) : "its record is malformed";
    if (problem !== null) {
        distrust(label, problem);
        return NONE;
    }
    const tried = new Map();
    const load = (key) => {
        if (tried.has(key))
            return tried.get(key);
        let v = null;
        try {
            const rec = b.variants[key];
            const wasm = decodeBase64(rec.wasm);
            const candidate = { sig: rec.sig, compiled: { ...rec.compiled, wasm }, diagnostics: rec.diagnostics };
            const why = checkVariant(candidate, wasm, b.shape);
            if (why === null)
                v = candidate;
            else
                distrust(`${label}, signature (${key})`, why);
        }
        catch (e) {
            distrust(`${label}, signature (${key})`, `it cannot be read (${e.message})`);
        }
        tried.set(key, v);
        return v;
    };
    return {
        shape: b.shape,
        aheadOfTime: true,
        find(sig) {
            let left = Object.keys(b.variants);
            for (;;) {
                const k = best(sig, left);
                if (k === null)
                    return null;
                const v = load(k);
                if (v)
                    return v;
                left = left.filter((x) => x !== k);
            }
        },
        store() { },
    };
}
