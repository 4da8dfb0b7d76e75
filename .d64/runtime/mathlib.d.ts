/**
 * The math library (math/assembly, built to dist/math/parfor-math.wasm): exp, log, sin, pow, ...
 * computed in WebAssembly exactly as V8 computes Math.* on Node 20. Each thread (the main thread
 * and every pool worker) instantiates it once over the shared memory. The compiler links the
 * functions a kernel uses into the kernel itself (compiler/lower/mathlink.ts); this instance
 * serves what was not linked, as `math.<name>` imports, and owns the thread's scratch slot.
 *
 * Memory: the library has no data segments (its tables are code) and no start function, so
 * instantiating it writes nothing, however many threads do so at once. Its only memory use is a
 * per-thread scratch block for reducing huge arguments of sin/cos/tan (|x| >= 2^19 * pi/2): thread
 * slot s (0 = main thread, w + 1 = pool worker w) owns bytes
 * [RESERVED_BYTES + s * SCRATCH_SLOT_BYTES, + SCRATCH_SLOT_BYTES) of the region memory.ts keeps
 * between the control block and the heap. No thread writes another thread's block.
 *
 * Anything the library does not provide (or a missing .wasm) falls back to V8's own Math.<name>,
 * so a kernel always links.
 */
import { type WasmMemory, type WasmModule } from "./wasm.js";
/** Bytes of scratch per thread slot (the library needs SCRATCH_BYTES of them, checked on load). */
export declare const SCRATCH_SLOT_BYTES = 608;
/**
 * Functions taken from the library: every one is bit-identical to V8's Math on the tested inputs
 * (test/math). Kernels import the two-argument hypot as `math.hypot`; other arities are imported
 * as `math.hypot_<n>` and served by V8's Math.hypot.
 */
export declare const LIBRARY_FUNCTIONS: ReadonlySet<string>;
type MathFn = (...xs: number[]) => number;
/** Address of this thread's scratch block (kernels that link the library get it as env.mathScratch). */
export declare function mathScratchAddress(): number;
/** Called once by a pool worker before it runs anything: worker `index` uses slot index + 1. */
export declare function setMathThread(workerIndex: number): void;
/** Sets where the compiled library comes from on this thread (see `source`). */
export declare function setMathSource(get: () => WasmModule | null): void;
/** Path of the built library: beside dist/runtime/, or under dist/ when running from TS source. */
export declare function libraryUrl(): URL;
/**
 * Every function the library exports (hypot included), instantiated on this thread over `memory`
 * on first use; null when the library is not built.
 */
export declare function mathLibrary(memory: WasmMemory): Record<string, MathFn> | null;
/** The implementation of `math.<name>` for kernels on this thread: the library's, else V8's Math. */
export declare function mathFunction(memory: WasmMemory, name: string): MathFn | undefined;
export {};
