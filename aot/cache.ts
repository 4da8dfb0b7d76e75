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
 * read (magic, lengths, key, signature, a SHA-256 of the wasm): anything that does not check out
 * is treated as missing and rewritten by the next compile, never trusted.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ParamType } from "../compiler/index.js";
import { compilerFingerprint, FORMAT, type KernelRecord, sha256, sigKey, type Variant, type VariantRecord } from "./store.js";

const MAGIC = 0x31434650; // "PFC1" little-endian

/** The cache folder for `setting` (an option or PARFOR_CACHE value); null when caching is off. */
export function cacheDir(setting: boolean | string | undefined, cwd = process.cwd()): string | null {
  if (setting === undefined || setting === false || setting === "" || setting === "0" || setting === "false") return null;
  if (typeof setting === "string" && setting !== "1" && setting !== "true") return resolve(cwd, setting);
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "node_modules", ".cache", "parfor");
    const up = dirname(dir);
    if (up === dir) return join(resolve(cwd), "node_modules", ".cache", "parfor");
    dir = up;
  }
}

function variantFile(dir: string, key: string, sig: readonly ParamType[]): string {
  // the compiler's fingerprint is in the name: another compiler's entries are never even read
  return join(dir, `${key}-${createHash("sha256").update(`${compilerFingerprint()}\0${sigKey(sig)}`).digest("hex").slice(0, 16)}.pfc`);
}

function atomicWrite(file: string, data: Uint8Array | string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The kernel record, or null when missing or not valid. */
export function readKernel(dir: string, key: string): KernelRecord | null {
  try {
    const r = JSON.parse(readFileSync(join(dir, `${key}.kernel.json`), "utf8")) as KernelRecord & { format?: number };
    if (r.format !== FORMAT || r.key !== key || typeof r.name !== "string" || !r.shape || !Array.isArray(r.shape.params)) return null;
    return { key: r.key, name: r.name, shape: r.shape };
  } catch {
    return null;
  }
}

export function writeKernel(dir: string, record: KernelRecord): void {
  atomicWrite(join(dir, `${record.key}.kernel.json`), JSON.stringify({ format: FORMAT, ...record }));
}

/** One cached specialisation, or null when missing, truncated, corrupt or for another key. */
export function readVariant(dir: string, key: string, sig: readonly ParamType[]): Variant | null {
  let buf: Buffer;
  try {
    buf = readFileSync(variantFile(dir, key, sig));
  } catch {
    return null;
  }
  try {
    if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return null;
    const n = buf.readUInt32LE(4);
    if (8 + n > buf.length) return null;
    const head = JSON.parse(buf.subarray(8, 8 + n).toString("utf8")) as VariantRecord & { key: string; format: number };
    if (head.format !== FORMAT || head.key !== key || sigKey(head.sig) !== sigKey(sig)) return null;
    const wasm = new Uint8Array(buf.subarray(8 + n));
    if (sha256(wasm) !== head.sha256) return null;
    return { sig: head.sig, compiled: { ...head.compiled, wasm }, diagnostics: head.diagnostics };
  } catch {
    return null;
  }
}

export function writeVariant(dir: string, key: string, v: Variant): void {
  const { wasm, ...compiled } = v.compiled;
  const head: VariantRecord & { key: string; format: number } = { format: FORMAT, key, sig: v.sig, sha256: sha256(wasm), compiled, diagnostics: v.diagnostics };
  const json = Buffer.from(JSON.stringify(head), "utf8");
  const pre = Buffer.alloc(8);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(json.length, 4);
  atomicWrite(variantFile(dir, key, v.sig), Buffer.concat([pre, json, wasm]));
}
