/**
 * The JIT compile cache (Numba's `cache=True`): compiled specialisations on disk, keyed like the
 * build manifest, so a later process skips parsing and compiling (and never loads TypeScript).
 *
 * Layout of a cache folder (default `node_modules/.cache/parfor` of the nearest package above the
 * working directory):
 *   <kernelKey>.kernel.json       the kernel record: name and shape (what a signature needs)
 *   <kernelKey>-<sigHash>.pfc     one specialisation: "PFC1", u32 LE JSON length, JSON, wasm bytes
 * Every file is written to a unique temporary name in the same folder and renamed into place, so
 * readers see a whole file or none, and processes compiling the same kernel at once each write a
 * complete entry (the last rename wins; both are the same bytes). Entries are checked on every
 * read (magic, lengths, key, signature, and one SHA-256 over the whole entry: metadata and wasm,
 * keyed by format, parfor version and compiler fingerprint), then by the run time against the
 * kernel and the module (runtime/verify-artifact.ts): anything that does not check out is
 * reported once, treated as missing and overwritten by the fresh compile, never trusted.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { compilerFingerprint, FORMAT, kernelHash, sha256, sigKey, variantHash } from "./store.js";
const MAGIC = 0x31434650; // "PFC1" little-endian
/** The cache folder for `setting` (an option or PARFOR_CACHE value); null when caching is off. */
export function cacheDir(setting, cwd = process.cwd()) {
    if (setting === undefined || setting === false || setting === "" || setting === "0" || setting === "false")
        return null;
    if (typeof setting === "string" && setting !== "1" && setting !== "true")
        return resolve(cwd, setting);
    let dir = resolve(cwd);
    for (;;) {
        if (existsSync(join(dir, "package.json")))
            return join(dir, "node_modules", ".cache", "parfor");
        const up = dirname(dir);
        if (up === dir)
            return join(resolve(cwd), "node_modules", ".cache", "parfor");
        dir = up;
    }
}
function variantFile(dir, key, sig) {
    // the compiler's fingerprint is in the name: another compiler's entries are never even read
    return join(dir, `${key}-${createHash("sha256").update(`${compilerFingerprint()}\0${sigKey(sig)}`).digest("hex").slice(0, 16)}.pfc`);
}
function atomicWrite(file, data) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
        writeFileSync(tmp, data);
        renameSync(tmp, file);
    }
    catch (e) {
        rmSync(tmp, { force: true });
        throw e;
    }
}
/** The kernel record (hash checked; the shape is checked against the function by the caller), or null when missing. */
export function readKernel(dir, key) {
    const file = join(dir, `${key}.kernel.json`);
    let text;
    try {
        text = readFileSync(file, "utf8");
    }
    catch {
        return null;
    }
    const bad = (problem) => ({ ok: false, problem, file });
    try {
        const r = JSON.parse(text);
        if (r.format !== FORMAT || r.key !== key || typeof r.name !== "string")
            return bad("it is not a kernel record of this key and format");
        const record = { key: r.key, name: r.name, shape: r.shape };
        if (r.hash !== kernelHash(compilerFingerprint(), record))
            return bad("its hash does not match its contents");
        return { ok: true, value: record, file };
    }
    catch (e) {
        return bad(`it cannot be read (${e.message})`);
    }
}
export function writeKernel(dir, record) {
    const r = { key: record.key, name: record.name, shape: record.shape };
    atomicWrite(join(dir, `${record.key}.kernel.json`), JSON.stringify({ format: FORMAT, ...r, hash: kernelHash(compilerFingerprint(), r) }));
}
/**
 * One cached specialisation whose whole-entry hash (variantHash: metadata, signature,
 * diagnostics, key and wasm, keyed by format, version and compiler) checks out, or why it does
 * not (truncated, corrupt, changed, for another key); null when there is none. Its metadata and
 * module are checked against the kernel by the caller (runtime/verify-artifact.ts).
 */
export function readVariant(dir, key, sig) {
    const file = variantFile(dir, key, sig);
    let buf;
    try {
        buf = readFileSync(file);
    }
    catch {
        return null;
    }
    const bad = (problem) => ({ ok: false, problem, file });
    try {
        if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC)
            return bad("it is not a parfor cache entry");
        const n = buf.readUInt32LE(4);
        if (8 + n > buf.length)
            return bad("it is truncated");
        const head = JSON.parse(buf.subarray(8, 8 + n).toString("utf8"));
        if (head.format !== FORMAT || head.key !== key || !Array.isArray(head.sig) || sigKey(head.sig) !== sigKey(sig))
            return bad("it is not an entry of this kernel, signature and format");
        const wasm = new Uint8Array(buf.subarray(8 + n));
        if (sha256(wasm) !== head.sha256)
            return bad("its wasm bytes do not match their hash");
        const v = { sig: head.sig, compiled: { ...head.compiled, wasm }, diagnostics: head.diagnostics };
        if (head.hash !== variantHash(compilerFingerprint(), key, { sig: head.sig, compiled: head.compiled, diagnostics: head.diagnostics }, wasm)) {
            return bad("its hash does not match its contents");
        }
        return { ok: true, value: v, file };
    }
    catch (e) {
        return bad(`it cannot be read (${e.message})`);
    }
}
export function writeVariant(dir, key, v) {
    const { wasm, ...compiled } = v.compiled;
    const hash = variantHash(compilerFingerprint(), key, { sig: v.sig, compiled, diagnostics: v.diagnostics }, wasm);
    const head = { format: FORMAT, key, sig: v.sig, sha256: sha256(wasm), hash, compiled, diagnostics: v.diagnostics };
    const json = Buffer.from(JSON.stringify(head), "utf8");
    const pre = Buffer.alloc(8);
    pre.writeUInt32LE(MAGIC, 0);
    pre.writeUInt32LE(json.length, 4);
    atomicWrite(variantFile(dir, key, v.sig), Buffer.concat([pre, json, wasm]));
}
