import type { ParamType } from "../compiler/index.js";
import { type KernelRecord, type Variant } from "./store.js";
/** The cache folder for `setting` (an option or PARFOR_CACHE value); null when caching is off. */
export declare function cacheDir(setting: boolean | string | undefined, cwd?: string): string | null;
/** What reading a cache file found: nothing, an entry that checks out, or one that does not (and why). */
export type CacheRead<T> = {
    readonly ok: true;
    readonly value: T;
    readonly file: string;
} | {
    readonly ok: false;
    readonly problem: string;
    readonly file: string;
} | null;
/** The kernel record (hash checked; the shape is checked against the function by the caller), or null when missing. */
export declare function readKernel(dir: string, key: string): CacheRead<KernelRecord>;
export declare function writeKernel(dir: string, record: KernelRecord): void;
/**
 * One cached specialisation whose whole-entry hash (variantHash: metadata, signature,
 * diagnostics, key and wasm, keyed by format, version and compiler) checks out, or why it does
 * not (truncated, corrupt, changed, for another key); null when there is none. Its metadata and
 * module are checked against the kernel by the caller (runtime/verify-artifact.ts).
 */
export declare function readVariant(dir: string, key: string, sig: readonly ParamType[]): CacheRead<Variant>;
export declare function writeVariant(dir: string, key: string, v: Variant): void;
