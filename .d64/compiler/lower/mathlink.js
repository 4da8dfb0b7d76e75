/**
 * Links parfor's math library (math/, built to dist/math/parfor-math.wasm) into a kernel module:
 * the functions a kernel uses, and those they call, are copied in with their indices remapped, so
 * a kernel calls exp or sin directly instead of through an import (no call into another instance,
 * and V8 may inline them). The library's per-thread scratch pointer becomes a global initialised
 * from the imported `env.mathScratch`, which the runtime sets to the thread's own block.
 * Anything that cannot be linked (library not built, an instruction the copier does not know)
 * stays an import, which the runtime serves from the same library: the bits are the same.
 */
import { mathLibraryBytes } from "../platform.js";
import { calledFunctions, decodeModule, inlinable, rewriteBody, writtenGlobals } from "./wasm/decoder.js";
import { RawFunction } from "./wasm/encoder.js";
let cached;
function library() {
    if (cached !== undefined)
        return cached;
    cached = null;
    const bytes = mathLibraryBytes();
    if (bytes === null)
        return cached;
    try {
        const mod = decodeModule(bytes);
        const init = mod.exports.get("init");
        const setBy = init && init.kind === 0 ? writtenGlobals(mod.bodies[init.index - mod.importedFunctions]) : [];
        cached = { mod, scratch: setBy.length === 1 ? setBy[0] : null };
    }
    catch {
        cached = null;
    }
    return cached;
}
/** The defined-function indices `name` needs (itself and everything it calls), or null. */
function closure(lib, name) {
    const ex = lib.mod.exports.get(name);
    if (!ex || ex.kind !== 0)
        return null;
    const seen = new Set();
    const todo = [ex.index - lib.mod.importedFunctions];
    try {
        while (todo.length) {
            const f = todo.pop();
            if (f < 0 || seen.has(f)) {
                if (f < 0)
                    return null; // calls an imported function: not linkable
                continue;
            }
            seen.add(f);
            for (const c of calledFunctions(lib.mod.bodies[f]))
                todo.push(c - lib.mod.importedFunctions);
        }
    }
    catch {
        return null; // an instruction the copier does not handle
    }
    return [...seen].sort((a, b) => a - b);
}
/** Decides which math functions can be linked; call before declaring imports. */
export function planMath(names) {
    const lib = library();
    const linked = new Set();
    const functions = new Set();
    if (!lib)
        return { linked, functions: [] };
    for (const { name, arity } of names) {
        const ex = lib.mod.exports.get(name);
        if (!ex || ex.kind !== 0)
            continue;
        const t = lib.mod.types[lib.mod.functionTypes[ex.index - lib.mod.importedFunctions]];
        if (t.params.length !== arity || t.params.some((p) => p !== 124 /* ValType.f64 */) || t.results.length !== 1 || t.results[0] !== 124 /* ValType.f64 */)
            continue;
        const c = closure(lib, name);
        if (!c)
            continue;
        linked.add(name);
        for (const f of c)
            functions.add(f);
    }
    return { linked, functions: [...functions].sort((a, b) => a - b) };
}
/**
 * Copies the planned functions and the library's globals into `m` (after its imports, with
 * `scratchImport` the index of the imported `env.mathScratch` global).
 */
export function linkMath(m, plan, scratchImport) {
    const indices = new Map();
    const lib = library();
    if (!lib || plan.linked.size === 0)
        return { indices, body: () => null };
    const mod = lib.mod;
    const globalMap = new Map();
    mod.globals.forEach((g, k) => {
        const abs = mod.importedGlobals + k;
        const init = abs === lib.scratch ? Uint8Array.from([0x23, scratchImport]) : g.init;
        globalMap.set(abs, m.addGlobal(g.type, g.mutable, init));
    });
    const base = m.nextFunctionIndex();
    const newIndex = new Map(plan.functions.map((f, k) => [f, base + k]));
    const links = {
        func: (i) => newIndex.get(i - mod.importedFunctions),
        global: (i) => globalMap.get(i),
    };
    for (const f of plan.functions) {
        const t = mod.types[mod.functionTypes[f]];
        const body = rewriteBody(mod.bodies[f], {
            ...links,
            type: (i) => m.typeIndex(mod.types[i].params, mod.types[i].results),
        });
        m.addFunction(new RawFunction(t.params, t.results, body));
    }
    for (const name of plan.linked)
        indices.set(name, newIndex.get(mod.exports.get(name).index - mod.importedFunctions));
    return {
        indices,
        body(name) {
            const f = plan.linked.has(name) ? scalarBody(lib, mod.exports.get(name).index - mod.importedFunctions) : null;
            return f ? { body: f, links } : null;
        },
    };
}
const scalarCache = new Map();
/** Defined function `k` of the library as an inlinable body (calls and globals to be mapped). */
function scalarBody(lib, k) {
    let f = scalarCache.get(k);
    if (f === undefined)
        scalarCache.set(k, (f = inlinable(lib.mod.bodies[k], lib.mod.types[lib.mod.functionTypes[k]], true)));
    return f;
}
const lanesCache = new Map();
/**
 * The library's two-lane version of `name` (export `<name>_f64x2`, v128 -> v128 for each
 * argument), ready for a kernel to inline into its two-lane loop; null when the library lacks
 * one or it is not a leaf.
 */
export function laneFunction(name) {
    const lib = library();
    if (!lib)
        return null;
    let f = lanesCache.get(name);
    if (f !== undefined)
        return f;
    f = null;
    const ex = lib.mod.exports.get(`${name}_f64x2`);
    if (ex && ex.kind === 0 && ex.index >= lib.mod.importedFunctions) {
        const k = ex.index - lib.mod.importedFunctions;
        const t = lib.mod.types[lib.mod.functionTypes[k]];
        if (t.results.length === 1 && [...t.params, ...t.results].every((x) => x === 123 /* ValType.v128 */))
            f = inlinable(lib.mod.bodies[k], t);
    }
    lanesCache.set(name, f);
    return f;
}
