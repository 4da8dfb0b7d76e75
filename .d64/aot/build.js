/**
 * `parfor build`: compiles every kernel that discovery found, for every signature its parameter
 * types allow, checks it like `parfor check`, and writes `<outDir>/parfor-manifest.json` with
 * the .wasm files under `<outDir>/parfor/`.
 *
 * Signatures: a `number` parameter may arrive as `s` (an int in [0, 2^20]), `i` (another int32) or
 * `f` (any other number), and each compiles to different code. All combinations are compiled
 * while there are at most `maxVariants` (default 81: four number parameters). Beyond that only
 * the general one is (every number parameter `f`): the run time runs `s` and `i` arguments on
 * code compiled for `f` (same results; integer arithmetic is only used where it is exact), so no
 * call needs the compiler, and the JIT cache can add the exact ones.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { check, compile } from "../compiler/index.js";
import { discover } from "./discover.js";
import { compilerFingerprint, compilerStat, FORMAT, kernelHash, kernelKey, MANIFEST_NAME, parforVersion, sha256, sigKey, variantHash, } from "./store.js";
export const DEFAULT_MAX_VARIANTS = 81;
/** The signatures to compile for per-parameter kinds, and a note when they were cut down. */
export function signatures(kinds, maxVariants = DEFAULT_MAX_VARIANTS) {
    const count = kinds.reduce((n, k) => n * k.length, 1);
    let use = kinds;
    let note = null;
    if (count > maxVariants) {
        use = kinds.map((k) => (k.includes("f") ? ["f"] : k));
        note = `${count} specialisations (more than ${maxVariants}): compiled the general one, every number parameter as f`;
    }
    let sigs = [[]];
    for (const k of use)
        sigs = sigs.flatMap((s) => k.map((x) => [...s, x]));
    return { sigs, note };
}
/** Compiles `text` (the run time's text of the kernel) for every signature in `sigs`. */
export function compileVariants(text, checkText, sigs, globals) {
    const options = globals ? { globals } : {};
    const analysed = check(checkText, options);
    const variants = [];
    const failed = [];
    let shape = null;
    if (!analysed.diagnostics.some((d) => d.category === "error")) {
        for (const sig of sigs) {
            const r = compile(text, sig, options);
            shape ??= r.shape;
            if (r.compiled)
                variants.push({ sig, compiled: r.compiled, diagnostics: r.diagnostics });
            else
                failed.push({ sig, diagnostics: r.diagnostics.filter((d) => d.category === "error") });
        }
    }
    return { shape, variants, diagnostics: analysed.diagnostics, failed };
}
function absolute(k, d) {
    return { line: k.at.line + d.line - 1, column: d.line === 1 ? k.at.column + d.column - 1 : d.column };
}
/**
 * Runs the build; writes nothing but the manifest and the .wasm files: every kernel that compiles,
 * also when others do not (those are listed in `failed`, with their errors in `diagnostics`).
 */
export function build(options) {
    const found = discover(options.project, options.outDir);
    const outDir = found.outDir;
    const wasmDir = join(outDir, "parfor");
    const diagnostics = [];
    const built = [];
    const failed = [];
    const kernels = {};
    const files = new Map();
    const fingerprint = compilerFingerprint();
    for (const k of found.kernels) {
        const { sigs, note } = signatures(k.kinds, options.maxVariants);
        // the module-level helpers it calls are bound as globals (the call's own globals win)
        const r = compileVariants(k.jsText, k.tsText, sigs, k.helpers ? { ...k.helpers, ...k.globals } : k.globals);
        const seen = new Set();
        const own = [];
        const report = (d) => {
            const p = absolute(k, d);
            const id = `${p.line}:${p.column}:${d.code}`;
            if (seen.has(id))
                return;
            seen.add(id);
            own.push({ file: k.at.file, ...p, code: d.code, severity: d.category, message: d.message });
        };
        r.diagnostics.forEach(report);
        for (const f of r.failed)
            f.diagnostics.forEach(report);
        diagnostics.push(...own);
        if (!r.shape || r.variants.length === 0 || r.failed.length) {
            // one kernel that cannot compile does not stop the others: it is reported and left to the run time
            const errors = own.filter((d) => d.severity === "error");
            const first = errors[0];
            failed.push({
                name: k.name,
                file: k.at.file,
                line: k.at.line,
                column: k.at.column,
                fallback: k.fallback,
                errors: errors.length,
                reason: first ? `${first.code}: ${first.message}` : "the compiler gave no result",
            });
            continue;
        }
        const key = kernelKey(k.jsText, k.globals ? { globals: k.globals } : {});
        const variants = {};
        const prev = kernels[key];
        for (const v of r.variants) {
            const { wasm, ...compiled } = v.compiled;
            const hash = sha256(wasm);
            const name = `parfor/${hash.slice(0, 20)}.wasm`;
            files.set(name, wasm);
            // the run time reports the variant's diagnostics (race warnings) with the kernel's positions
            const whole = variantHash(fingerprint, key, { sig: v.sig, compiled, diagnostics: v.diagnostics }, wasm);
            const record = { sig: v.sig, sha256: hash, hash: whole, compiled, diagnostics: v.diagnostics };
            const json = new TextEncoder().encode(JSON.stringify(record));
            const recordName = `parfor/${sha256(json).slice(0, 20)}.json`;
            files.set(recordName, json);
            variants[sigKey(v.sig)] = { record: recordName, wasm: name, sha256: hash, hash: whole };
        }
        const helpers = k.helperFiles.length ? k.helperFiles.map((f) => ({ file: relative(outDir, f), sha256: sha256(readFileSync(f)) })) : undefined;
        const record = { key, name: k.name, shape: r.shape, ...(helpers ? { helpers } : {}) };
        kernels[key] = { ...record, hash: kernelHash(fingerprint, record), file: relative(outDir, k.at.file), line: k.at.line, variants: { ...prev?.variants, ...variants } };
        built.push({ name: k.name, file: k.at.file, line: k.at.line, key, variants: r.variants.length, note });
    }
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const manifest = { format: FORMAT, parfor: parforVersion(), compiler: fingerprint, compilerStat: compilerStat(), kernels };
    const manifestPath = join(outDir, MANIFEST_NAME);
    let wasmBytes = 0;
    mkdirSync(wasmDir, { recursive: true });
    for (const [name, bytes] of files) {
        const file = join(outDir, name);
        if (name.endsWith(".wasm"))
            wasmBytes += bytes.length;
        let same = false;
        try {
            same = sha256(readFileSync(file)) === sha256(bytes);
        }
        catch {
            // not there yet
        }
        if (!same)
            writeFileSync(file, bytes);
    }
    const tmp = `${manifestPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(manifest) + "\n");
    renameSync(tmp, manifestPath);
    return { kernels: built, failed, skipped: found.skipped, diagnostics, errors, manifest: manifestPath, wasmFiles: [...files.keys()].filter((n) => n.endsWith(".wasm")).length, wasmBytes };
}
