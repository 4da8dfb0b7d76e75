/**
 * Run-time lookup of kernels compiled ahead of time, used by `parallel()` before it compiles:
 *   1. a bundle the bundler plugin bound to the function object (`bindPrecompiled`),
 *   2. a `parfor-manifest.json` written by `parfor build`: PARFOR_MANIFEST (files, separated by
 *      the path delimiter), else the first one in the folders from the `parallel()` call's file
 *      up to its package root,
 *   3. the JIT compile cache (option `cache`, or PARFOR_CACHE), which the JIT also writes.
 * A kernel matches by the hash of its exact text and compile options (aot/store.ts) and then by
 * signature. Nothing here imports the compiler or TypeScript, so a program whose kernels are all
 * found never loads them.
 */
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { readKernel, readVariant, writeKernel, writeVariant, cacheDir } from "../aot/cache.js";
import { bestVariant, FORMAT, kernelHash, kernelKey, MANIFEST_NAME, parforVersion, sameCompiler, sha256, sigKey, variantHash, } from "../aot/store.js";
import { checkShape, checkVariant } from "./verify-artifact.js";
export { MANIFEST_NAME } from "../aot/store.js";
const bound = new WeakMap();
/**
 * Binds a bundle made by the bundler plugin to the kernel function it was compiled from, and
 * returns the function. The plugin wraps the function argument: `parallel(bindPrecompiled(fn,
 * {...}), options)`. Bound by identity, not by text, because bundlers reprint and minify code.
 */
export function bindPrecompiled(fn, bundle) {
    // checked whole when the kernel is made (lookup), where the file it was bundled into is known
    if (typeof fn === "function" && bundle && bundle.parfor === parforVersion() && typeof bundle.compiler === "string" && sameCompiler(bundle.compiler))
        bound.set(fn, bundle);
    return fn;
}
const manifestByFile = new Map();
const manifestByDir = new Map();
function readManifest(file) {
    const have = manifestByFile.get(file);
    if (have !== undefined)
        return have;
    let out = null;
    try {
        const m = JSON.parse(readFileSync(file, "utf8"));
        if (m.format === FORMAT && m.parfor === parforVersion() && sameCompiler(m.compiler, m.compilerStat) && m.kernels && typeof m.kernels === "object") {
            out = { file, manifest: m };
        }
        else {
            process.emitWarning(`${file} was built by another version of parfor or of its compiler; its kernels are compiled at run time (run parfor build again).`, {
                type: "ParforWarning",
                code: "PARFOR_PRECOMPILED",
            });
        }
    }
    catch (e) {
        if (e.code !== "ENOENT") {
            process.emitWarning(`${file} cannot be read (${e.message}); its kernels are compiled at run time.`, { type: "ParforWarning", code: "PARFOR_PRECOMPILED" });
        }
    }
    manifestByFile.set(file, out);
    return out;
}
/** The manifests that apply to a kernel made in `file`. */
function manifestsFor(file) {
    const env = process.env.PARFOR_MANIFEST;
    if (env)
        return env.split(delimiter).filter(Boolean).map((f) => readManifest(resolve(f))).filter((m) => m !== null);
    if (!file)
        return [];
    const seen = [];
    let dir = dirname(file);
    let found = null;
    for (;;) {
        const have = manifestByDir.get(dir);
        if (have !== undefined) {
            found = have;
            break;
        }
        seen.push(dir);
        const candidate = join(dir, MANIFEST_NAME);
        if (existsSync(candidate)) {
            found = readManifest(candidate);
            break;
        }
        const up = dirname(dir);
        if (up === dir || existsSync(join(dir, "package.json")))
            break;
        dir = up;
    }
    for (const d of seen)
        manifestByDir.set(d, found);
    return found ? [found] : [];
}
/** Files (or bundles) already reported: each is named in one warning per process. */
const distrusted = new Set();
/**
 * Reports once that the artifact in `where` is not used and why; the kernel is compiled instead.
 * Code PARFOR_PRECOMPILED, like the warning for a manifest of another parfor.
 */
function distrust(where, problem, then) {
    if (distrusted.has(where))
        return;
    distrusted.add(where);
    process.emitWarning(`parfor: ${where} is not used: ${problem}; ${then}.`, { type: "ParforWarning", code: "PARFOR_PRECOMPILED" });
}
const AGAIN_CACHE = "the kernel is compiled again and the entry rewritten";
const AGAIN_BUILD = "the kernel is compiled at run time (run parfor build again)";
const AGAIN_BUNDLE = "the kernel is compiled at run time (bundle it again)";
const fileHashes = new Map();
/**
 * Why the module-level helpers a manifest kernel was compiled with may have changed since (its
 * key covers only the kernel's own text): each emitted file they came from must still have the
 * SHA-256 `parfor build` recorded. Read once per file and process.
 */
function helpersProblem(manifest, k) {
    if (k.helpers === undefined)
        return null;
    if (!Array.isArray(k.helpers))
        return "its helper list is damaged";
    for (const h of k.helpers) {
        if (typeof h?.file !== "string" || typeof h.sha256 !== "string")
            return "its helper list is damaged";
        const file = join(dirname(manifest), h.file);
        let got = fileHashes.get(file);
        if (got === undefined) {
            try {
                got = sha256(new Uint8Array(readFileSync(file)));
            }
            catch {
                got = null;
            }
            fileHashes.set(file, got);
        }
        if (got !== h.sha256)
            return `${h.file}, whose functions it calls, ${got === null ? "is missing" : "changed"} since parfor build`;
    }
    return null;
}
/** Why a stored kernel record (manifest kernel, bundle, cache record) cannot be used for `fn`, or null. */
function kernelProblem(rec, compiler, key, fn) {
    if (typeof rec !== "object" || rec === null || typeof rec.name !== "string" || typeof rec.variants !== "object" || rec.variants === null) {
        return "its kernel record is malformed";
    }
    if (rec.key !== key || rec.hash !== kernelHash(compiler, { key, name: rec.name, shape: rec.shape, ...(rec.helpers !== undefined ? { helpers: rec.helpers } : {}) }))
        return "the hash of its kernel record does not match its contents";
    return checkShape(rec.shape, fn.length);
}
/** `v` when its metadata and module check out against the kernel (runtime/verify-artifact.ts), else null after a warning. */
function verified(v, shape, where, then) {
    const problem = checkVariant(v, v.compiled.wasm, shape);
    if (problem === null)
        return v;
    distrust(where, problem, then);
    return null;
}
function fromManifest(m, key, v, sig, shape) {
    const dir = dirname(m.file);
    const where = typeof v?.record === "string" ? join(dir, v.record) : m.file;
    try {
        const rec = JSON.parse(readFileSync(where, "utf8"));
        const wasm = new Uint8Array(readFileSync(join(dir, v.wasm)));
        const hashes = sha256(wasm) === v.sha256 && rec.sha256 === v.sha256 && rec.hash === v.hash && Array.isArray(rec.sig) && sigKey(rec.sig) === sig;
        if (!hashes || rec.hash !== variantHash(m.manifest.compiler, key, rec, wasm)) {
            distrust(where, "its hash does not match its contents or its wasm file", AGAIN_BUILD);
            return null;
        }
        return verified({ sig: rec.sig, compiled: { ...rec.compiled, wasm }, diagnostics: rec.diagnostics }, shape, where, AGAIN_BUILD);
    }
    catch (e) {
        distrust(where, `it cannot be read (${e.message})`, AGAIN_BUILD);
        return null;
    }
}
function fromBundle(b, sig, where) {
    const label = `${where} (bundled kernel '${b.name}', signature (${sig}))`;
    try {
        const rec = b.variants[sig];
        const wasm = new Uint8Array(Buffer.from(rec.wasm, "base64"));
        const { wasm: _text, ...record } = rec;
        void _text;
        if (sha256(wasm) !== rec.sha256 || !Array.isArray(rec.sig) || sigKey(rec.sig) !== sig || rec.hash !== variantHash(b.compiler, b.key, record, wasm)) {
            distrust(label, "its hash does not match its contents", AGAIN_BUNDLE);
            return null;
        }
        return verified({ sig: rec.sig, compiled: { ...rec.compiled, wasm }, diagnostics: rec.diagnostics }, b.shape, label, AGAIN_BUNDLE);
    }
    catch (e) {
        distrust(label, `it cannot be read (${e.message})`, AGAIN_BUNDLE);
        return null;
    }
}
/** The most specific of `keys` (but `tried`) that accepts `sig` and loads, or null. */
function widest(sig, keys, tried, load) {
    let left = keys.filter((k) => k !== tried);
    for (;;) {
        const k = bestVariant(sig, left);
        if (k === null)
            return null;
        const v = load(k);
        if (v)
            return v;
        left = left.filter((x) => x !== k);
    }
}
const NONE = { shape: null, aheadOfTime: false, find: () => null, store: () => { } };
/** The cache setting: the option, else PARFOR_CACHE. */
function cacheSetting(options) {
    return options.cache ?? process.env.PARFOR_CACHE;
}
/**
 * Everything known ahead of time about the kernel `fn` (text `source`) made by a `parallel()`
 * call in `file`. Computes the kernel's key only when a bundle, manifest or cache is there.
 */
export function precompiledFor(fn, source, options, file) {
    try {
        return lookup(fn, source, options, file);
    }
    catch {
        return NONE; // never in the way of compiling
    }
}
function lookup(fn, source, options, file) {
    let bundle = bound.get(fn) ?? null;
    const manifests = manifestsFor(file);
    const dir = cacheDir(cacheSetting(options));
    if (!bundle && manifests.length === 0 && dir === null)
        return NONE;
    const key = kernelKey(source, options);
    const bundleWhere = file ?? "a bundle";
    if (bundle) {
        const problem = kernelProblem(bundle, bundle.compiler, bundle.key, fn);
        if (problem) {
            distrust(`${bundleWhere} (bundled kernel '${String(bundle.name)}')`, problem, AGAIN_BUNDLE);
            bundle = null;
        }
    }
    let entry = null;
    for (const m of manifests) {
        const k = m.manifest.kernels[key];
        if (!k)
            continue;
        const problem = kernelProblem(k, m.manifest.compiler, key, fn) ?? helpersProblem(m.file, k);
        if (problem) {
            distrust(m.file, `kernel '${String(k.name)}': ${problem}`, AGAIN_BUILD);
            continue;
        }
        entry = { m, k };
        break;
    }
    let cached = null;
    // a damaged kernel record discredits the kernel's cache entries: they are compiled again, which rewrites the record too
    let trustedDir = dir;
    if (dir !== null && !bundle && !entry) {
        const r = readKernel(dir, key);
        const problem = r === null ? null : r.ok ? checkShape(r.value.shape, fn.length) : r.problem;
        if (r !== null && problem !== null) {
            distrust(r.file, problem, AGAIN_CACHE);
            trustedDir = null;
        }
        else if (r?.ok)
            cached = r.value;
    }
    const shape = bundle?.shape ?? entry?.k.shape ?? cached?.shape ?? null;
    const b = bundle;
    return {
        shape,
        aheadOfTime: manifests.length > 0 || bound.has(fn),
        find(sig) {
            try {
                const want = sigKey(sig);
                const exact = b && Object.hasOwn(b.variants, want) ? fromBundle(b, want, bundleWhere) : entry && Object.hasOwn(entry.k.variants, want) ? fromManifest(entry.m, key, entry.k.variants[want], want, shape) : null;
                if (exact)
                    return exact;
                if (trustedDir !== null) {
                    const c = readVariant(trustedDir, key, sig);
                    if (c && !c.ok)
                        distrust(c.file, c.problem, AGAIN_CACHE);
                    const v = c?.ok ? verified(c.value, shape, c.file, AGAIN_CACHE) : null;
                    if (v)
                        return v;
                }
                // a wider variant (the exact one, when there, was tried above), the most specific that checks out
                if (b)
                    return widest(sig, Object.keys(b.variants), want, (k) => fromBundle(b, k, bundleWhere));
                if (entry)
                    return widest(sig, Object.keys(entry.k.variants), want, (k) => fromManifest(entry.m, key, entry.k.variants[k], k, shape));
                return null;
            }
            catch {
                return null; // never in the way of compiling
            }
        },
        store(s, variant) {
            if (dir === null)
                return;
            try {
                // a record that is missing, damaged or of another shape is (re)written with the compiler's shape
                const have = readKernel(dir, key);
                if (!have?.ok || JSON.stringify(have.value.shape) !== JSON.stringify(s))
                    writeKernel(dir, { key, name: fn.name || "anonymous", shape: s });
                writeVariant(dir, key, variant);
            }
            catch (e) {
                process.emitWarning(`parfor: cannot write the compile cache in ${dir}: ${e.message}`, { type: "ParforWarning", code: "PARFOR_CACHE" });
            }
        },
    };
}
