import type { KernelShape, ParamType } from "../compiler/interface.js";
import { type InlineBundle, type Variant } from "../aot/store.js";
import type { ParallelOptions } from "./options.js";
export { MANIFEST_NAME } from "../aot/store.js";
type AnyFn = (...args: any[]) => any;
/** What the run time found for one kernel. */
export interface Precompiled {
    /** the kernel's shape when a manifest, bundle or cache entry has it (no parsing needed) */
    readonly shape: KernelShape | null;
    /**
     * whether the program was compiled ahead of time: a `parfor build` manifest applies to the
     * kernel's file, or the bundler plugin bound a bundle. That build reported the kernels that do
     * not compile, so `parallel()` does not load the compiler to check them again.
     */
    readonly aheadOfTime: boolean;
    /** a ready specialisation for `sig`: exact, or one that accepts it (s ⊂ i ⊂ f) */
    find(sig: readonly ParamType[]): Variant | null;
    /** records a JIT-compiled specialisation in the compile cache (when it is on) */
    store(shape: KernelShape, variant: Variant): void;
}
/**
 * Binds a bundle made by the bundler plugin to the kernel function it was compiled from, and
 * returns the function. The plugin wraps the function argument: `parallel(bindPrecompiled(fn,
 * {...}), options)`. Bound by identity, not by text, because bundlers reprint and minify code.
 */
export declare function bindPrecompiled<F extends AnyFn>(fn: F, bundle: InlineBundle): F;
/**
 * Everything known ahead of time about the kernel `fn` (text `source`) made by a `parallel()`
 * call in `file`. Computes the kernel's key only when a bundle, manifest or cache is there.
 */
export declare function precompiledFor(fn: AnyFn, source: string, options: ParallelOptions, file: string | undefined): Precompiled;
