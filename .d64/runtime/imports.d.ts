/**
 * The import object of a kernel instance (the same on every thread): the shared memory, prange
 * dispatch, the bounds-error thrower, `%` on doubles and the Math functions wasm lacks (from the
 * math library, runtime/mathlib.ts, falling back to V8's Math).
 */
import { type KernelMeta } from "./errors.js";
import { type WasmImports, type WasmMemory } from "./wasm.js";
/** Builds the imports for one instance of `meta`'s module on this thread. */
export declare function kernelImports(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta): WasmImports;
