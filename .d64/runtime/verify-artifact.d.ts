/**
 * Checks a stored artifact (a compile-cache entry, a `parfor build` record, a bundle the bundler
 * plugin inlined) before the run time uses it: its metadata must describe a frame that the module
 * and the kernel agree on, and the module must be one that links against what parfor provides.
 * Every check returns the reason it failed (a short phrase for a warning) or null when it holds.
 *
 * What this cannot tell: whether the code in a valid module does what its source says. A module
 * written by hand that passes every check here (and whose entry hash is consistent) runs as if it
 * were parfor's; artifacts are trusted as much as the code in node_modules (see README).
 *
 * Imports nothing of the compiler (only the artifact's types) and no TypeScript.
 */
import type { ArrayKind, CompiledKernel } from "../compiler/artifact.js";
/** A parameter type of a signature (compiler ParamType, restated so the compiler is not imported). */
type SigType = ArrayKind | "s" | "i" | "f" | "b";
/** The kernel shape as stored (compiler KernelShape, restated for the same reason). */
export interface ShapeLike {
    readonly name: string;
    readonly params: readonly {
        readonly name: string;
        readonly isArray: boolean;
        readonly used: boolean;
        readonly annotation: SigType | null;
    }[];
}
/** Largest frame accepted: the compiler's frames are 8 bytes per parameter, loop bound and crossing scalar. */
export declare const MAX_FRAME_BYTES: number;
/**
 * The stored shape of a kernel: well formed, and with as many parameters as the function has
 * (kernel parameters are plain names, so `fn.length` counts them all).
 */
export declare function checkShape(shape: unknown, fnLength?: number): string | null;
/** A signature as stored: an array of parameter types. */
export declare function checkSig(sig: unknown): sig is readonly SigType[];
/**
 * The metadata of a specialisation compiled for `sig` of a kernel of shape `shape`: parameter
 * slots in the kernel's order with the kinds `sig` gives, every slot inside the frame and none
 * overlapping another, loops numbered 0..n-1, well-formed sites, returns and math imports.
 */
export declare function checkMeta(meta: unknown, sig: readonly SigType[], shape: ShapeLike | null): string | null;
/**
 * The module: valid WebAssembly with only the sections parfor's compiler emits (no start function,
 * data, tables or memory of its own), importing one shared env.memory, the env functions of the
 * run time with their types, env.mathScratch and `math.*` functions listed in `meta.mathImports`,
 * and exporting exactly main, loop_k for each loop and combine_k for each loop with reductions,
 * with the types the run time calls them with.
 */
export declare function checkModule(wasm: Uint8Array, meta: Pick<CompiledKernel, "loops" | "returns" | "mathImports">): string | null;
/** A stored specialisation, checked whole: signature, metadata against the kernel's shape, module against the metadata. */
export declare function checkVariant(v: {
    readonly sig: unknown;
    readonly compiled: unknown;
    readonly diagnostics: unknown;
}, wasm: Uint8Array, shape: ShapeLike | null): string | null;
export {};
