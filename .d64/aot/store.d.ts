import type { CompiledKernel } from "../compiler/artifact.js";
import type { Diagnostic, KernelShape, ParamType } from "../compiler/interface.js";
/** Bumped when the layout of manifests or cache entries changes (2: whole-entry hashes). */
export declare const FORMAT = 2;
/** A compiled specialisation without its wasm bytes (those live in a .wasm file or a cache entry). */
export type CompiledMeta = Omit<CompiledKernel, "wasm">;
/**
 * One specialisation as stored: what `load` needs besides the bytes, and the diagnostics to warn
 * with. `sha256` is the wasm's (it names the file); `hash` covers the whole entry (variantHash).
 */
export interface VariantRecord {
    readonly sig: readonly ParamType[];
    readonly sha256: string;
    readonly hash: string;
    readonly compiled: CompiledMeta;
    readonly diagnostics: readonly Diagnostic[];
}
/** A specialisation ready to load. */
export interface Variant {
    readonly sig: readonly ParamType[];
    readonly compiled: CompiledKernel;
    readonly diagnostics: readonly Diagnostic[];
}
/** parfor's package version (from the package.json above this file, in source or in dist/). */
export declare function parforVersion(): string;
/**
 * A hash of the compiler's own files (compiler/ next to this folder: .js in dist/, .ts in a
 * source checkout). Artifacts of another compiler, even of the same version, are never used.
 */
export declare function compilerFingerprint(): string;
/**
 * A cheaper stand-in recorded next to the fingerprint: the compiler files' names, sizes and
 * modification times. When it equals the one recorded at build time the files are the same ones
 * (the usual case: build and run on one machine) and reading them is skipped; otherwise the
 * fingerprint decides.
 */
export declare function compilerStat(): string;
/** Whether artifacts recorded with `fingerprint` (and `stat`) were made by this compiler. */
export declare function sameCompiler(fingerprint: string, stat?: string): boolean;
/** The compile-relevant options in one canonical string (globals sorted by name; -0 and NaN kept). */
export declare function canonicalOptions(options: {
    readonly globals?: Readonly<Record<string, unknown>>;
}): string;
/**
 * The key of a kernel: its exact source text, its compile options and the parfor version. The
 * compiler's fingerprint is checked per manifest or bundle (`sameCompiler`) and is part of the
 * compile cache's file names.
 */
export declare function kernelKey(text: string, options: {
    readonly globals?: Readonly<Record<string, unknown>>;
}): string;
export declare function sigKey(sig: readonly ParamType[]): string;
export declare function sha256(bytes: Uint8Array): string;
/** The kernel-level record: what a call's signature is computed from, without parsing the source. */
export interface KernelRecord {
    readonly key: string;
    readonly name: string;
    readonly shape: KernelShape;
    /**
     * `parfor build`: the emitted files whose module-level functions the kernel was compiled with
     * (relative to the manifest's folder) and their SHA-256; the kernel's key does not cover them,
     * so the run time checks them before it uses the kernel
     */
    readonly helpers?: readonly HelperFile[];
}
export interface HelperFile {
    readonly file: string;
    readonly sha256: string;
}
/**
 * The hash of a whole stored specialisation: its metadata as JSON (frame layout, parameter slots,
 * loops, sites, returns, math imports), its signature and diagnostics, the kernel key it belongs
 * to, and its wasm bytes, keyed by the entry format, the parfor version and the fingerprint of the
 * compiler that made it. A change to any of them (a digit of an offset, the bytes, another
 * compiler) gives another hash, so the entry is not used. It detects damage and stale entries;
 * it is no signature: whoever can write the entry can write a consistent hash (see README).
 */
export declare function variantHash(compiler: string, key: string, v: {
    readonly sig: readonly ParamType[];
    readonly compiled: CompiledMeta;
    readonly diagnostics: readonly Diagnostic[];
}, wasm: Uint8Array): string;
/** The hash of a stored kernel record (its key, name and shape), keyed like variantHash. */
export declare function kernelHash(compiler: string, record: KernelRecord): string;
/** `parfor-manifest.json`, written by `parfor build` next to its .wasm files. */
export interface Manifest {
    readonly format: number;
    readonly parfor: string;
    readonly compiler: string;
    readonly compilerStat?: string;
    readonly kernels: Readonly<Record<string, ManifestKernel>>;
}
export interface ManifestKernel extends KernelRecord {
    /** kernelHash of key, name and shape */
    readonly hash: string;
    /** where the kernel is (for people reading the manifest) */
    readonly file: string;
    readonly line: number;
    /**
     * by signature key: the variant's record (a VariantRecord as JSON) and its wasm bytes, both
     * relative to the manifest's folder and named by their content's hash (shared between variants
     * that compile to the same thing); `sha256` is the wasm's, `hash` the whole entry's (variantHash)
     */
    readonly variants: Readonly<Record<string, ManifestVariant>>;
}
export interface ManifestVariant {
    readonly record: string;
    readonly wasm: string;
    readonly sha256: string;
    readonly hash: string;
}
export declare const MANIFEST_NAME = "parfor-manifest.json";
/**
 * What the bundler plugin inlines next to a kernel (`bindPrecompiled(fn, bundle)`): the kernel
 * record and its variants with their bytes in base64.
 */
export interface InlineBundle extends KernelRecord {
    readonly parfor: string;
    readonly compiler: string;
    /** kernelHash of key, name and shape */
    readonly hash: string;
    readonly variants: Readonly<Record<string, VariantRecord & {
        readonly wasm: string;
    }>>;
}
/**
 * Among `have` (signature keys), the specialisation that accepts every argument of `sig` and is
 * the most specific: an exact match, else one whose number kinds are wider (an `s` argument runs
 * on code compiled for `i` or `f`; results are the same, since integer arithmetic is only ever
 * used where it equals the double arithmetic). Null when none accepts it.
 */
export declare function bestVariant(sig: readonly ParamType[], have: Iterable<string>): string | null;
