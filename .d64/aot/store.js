/**
 * What precompiled and cached kernels are made of, and how they are keyed. Shared by the build
 * (`parfor build`, the bundler plugin), the JIT compile cache and the run time, so nothing here
 * may import the compiler or TypeScript: only node:crypto, node:fs and plain data.
 *
 * A kernel is keyed by a hash of the exact text the run time sees (`fn.toString()`), the options
 * that change compiled code (`globals`; threads and schedules do not), the parfor version and a
 * fingerprint of the compiler's files (so that a changed compiler never reuses old artifacts).
 * Each specialisation of a kernel is then found by its signature (`s,f,Float64Array`).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
/** Bumped when the layout of manifests or cache entries changes (2: whole-entry hashes). */
export const FORMAT = 2;
const here = dirname(fileURLToPath(import.meta.url));
let versionCache;
/** parfor's package version (from the package.json above this file, in source or in dist/). */
export function parforVersion() {
    if (versionCache === undefined) {
        versionCache = "unknown";
        for (const p of [join(here, "../package.json"), join(here, "../../package.json")]) {
            try {
                const pkg = JSON.parse(readFileSync(p, "utf8"));
                if (pkg.name === "parfor" && pkg.version) {
                    versionCache = pkg.version;
                    break;
                }
            }
            catch {
                // not there
            }
        }
    }
    return versionCache;
}
function compilerFiles() {
    const out = [];
    const walk = (dir, rel) => {
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const e of entries) {
            const p = join(dir, e.name);
            if (e.isDirectory())
                walk(p, `${rel}${e.name}/`);
            else if (/\.(js|ts|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts"))
                out.push({ path: p, rel: `${rel}${e.name}` });
        }
    };
    walk(join(here, "../compiler"), "");
    // the math library is linked into kernels, so it is part of what produced an artifact
    const lib = here.endsWith(`${sep}dist${sep}aot`) ? join(here, "../math/parfor-math.wasm") : join(here, "../dist/math/parfor-math.wasm");
    if (existsSync(lib))
        out.push({ path: lib, rel: "math/parfor-math.wasm" });
    return out;
}
let fingerprintCache;
/**
 * A hash of the compiler's own files (compiler/ next to this folder: .js in dist/, .ts in a
 * source checkout). Artifacts of another compiler, even of the same version, are never used.
 */
export function compilerFingerprint() {
    if (fingerprintCache === undefined) {
        const h = createHash("sha256");
        for (const f of compilerFiles()) {
            h.update(`${f.rel}\0`);
            h.update(readFileSync(f.path));
            h.update("\0");
        }
        fingerprintCache = h.digest("hex").slice(0, 16);
    }
    return fingerprintCache;
}
let statCache;
/**
 * A cheaper stand-in recorded next to the fingerprint: the compiler files' names, sizes and
 * modification times. When it equals the one recorded at build time the files are the same ones
 * (the usual case: build and run on one machine) and reading them is skipped; otherwise the
 * fingerprint decides.
 */
export function compilerStat() {
    if (statCache === undefined) {
        const h = createHash("sha256");
        for (const f of compilerFiles()) {
            const st = statSync(f.path);
            h.update(`${f.rel}\0${st.size}\0${st.mtimeMs}\0`);
        }
        statCache = h.digest("hex").slice(0, 16);
    }
    return statCache;
}
/** Whether artifacts recorded with `fingerprint` (and `stat`) were made by this compiler. */
export function sameCompiler(fingerprint, stat) {
    return (stat !== undefined && stat === compilerStat()) || fingerprint === compilerFingerprint();
}
/** The compile-relevant options in one canonical string (globals sorted by name; -0 and NaN kept). */
export function canonicalOptions(options) {
    const g = options.globals;
    if (!g)
        return "";
    return Object.keys(g)
        .sort()
        .map((k) => {
        const v = g[k];
        // a helper function is keyed by its text: a changed helper is another kernel
        return `${k}=${typeof v === "number" && Object.is(v, -0) ? "-0" : typeof v === "function" ? `fn:${JSON.stringify(Function.prototype.toString.call(v))}` : String(v)}`;
    })
        .join(";");
}
/**
 * The key of a kernel: its exact source text, its compile options and the parfor version. The
 * compiler's fingerprint is checked per manifest or bundle (`sameCompiler`) and is part of the
 * compile cache's file names.
 */
export function kernelKey(text, options) {
    return createHash("sha256")
        .update(JSON.stringify([FORMAT, parforVersion(), canonicalOptions(options), text]))
        .digest("hex")
        .slice(0, 32);
}
export function sigKey(sig) {
    return sig.join(",");
}
export function sha256(bytes) {
    return createHash("sha256").update(bytes).digest("hex");
}
/**
 * The hash of a whole stored specialisation: its metadata as JSON (frame layout, parameter slots,
 * loops, sites, returns, math imports), its signature and diagnostics, the kernel key it belongs
 * to, and its wasm bytes, keyed by the entry format, the parfor version and the fingerprint of the
 * compiler that made it. A change to any of them (a digit of an offset, the bytes, another
 * compiler) gives another hash, so the entry is not used. It detects damage and stale entries;
 * it is no signature: whoever can write the entry can write a consistent hash (see README).
 */
export function variantHash(compiler, key, v, wasm) {
    const head = JSON.stringify(["parfor-variant", FORMAT, parforVersion(), compiler, key, sigKey(v.sig), v.compiled, v.diagnostics]);
    return createHash("sha256").update(head).update("\0").update(wasm).digest("hex");
}
/** The hash of a stored kernel record (its key, name and shape), keyed like variantHash. */
export function kernelHash(compiler, record) {
    const parts = ["parfor-kernel", FORMAT, parforVersion(), compiler, record.key, record.name, record.shape];
    if (record.helpers)
        parts.push(record.helpers);
    return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
export const MANIFEST_NAME = "parfor-manifest.json";
/** The rank of a scalar kind in the order s ⊂ i ⊂ f (each accepts every value of the ones before). */
const RANK = { s: 0, i: 1, f: 2 };
/**
 * Among `have` (signature keys), the specialisation that accepts every argument of `sig` and is
 * the most specific: an exact match, else one whose number kinds are wider (an `s` argument runs
 * on code compiled for `i` or `f`; results are the same, since integer arithmetic is only ever
 * used where it equals the double arithmetic). Null when none accepts it.
 */
export function bestVariant(sig, have) {
    let best = null;
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
            best = key;
            bestCost = cost;
        }
    }
    return best;
}
