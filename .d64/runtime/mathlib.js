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
import { MAX_WORKERS } from "./control.js";
import { MATH_SCRATCH_BYTES, RESERVED_BYTES } from "./memory.js";
import { Wasm } from "./wasm.js";
/** Bytes of scratch per thread slot (the library needs SCRATCH_BYTES of them, checked on load). */
export const SCRATCH_SLOT_BYTES = 608;
if ((MAX_WORKERS + 1) * SCRATCH_SLOT_BYTES > MATH_SCRATCH_BYTES) {
    throw new Error("parfor internal error: MATH_SCRATCH_BYTES cannot hold a scratch block per thread");
}
/**
 * Functions taken from the library: every one is bit-identical to V8's Math on the tested inputs
 * (test/math). Kernels import the two-argument hypot as `math.hypot`; other arities are imported
 * as `math.hypot_<n>` and served by V8's Math.hypot.
 */
export const LIBRARY_FUNCTIONS = new Set([
    "exp", "expm1", "log", "log1p", "log2", "log10", "pow", "sin", "cos", "tan", "asin", "acos", "atan",
    "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt", "hypot",
]);
/** This thread's slot: 0 on the main thread, set by a pool worker to its index + 1. */
let slot = 0;
let module;
const instances = new WeakMap();
/** Address of this thread's scratch block (kernels that link the library get it as env.mathScratch). */
export function mathScratchAddress() {
    return RESERVED_BYTES + slot * SCRATCH_SLOT_BYTES;
}
/** Called once by a pool worker before it runs anything: worker `index` uses slot index + 1. */
export function setMathThread(workerIndex) {
    slot = workerIndex + 1;
}
/**
 * Where this thread gets the compiled library from: the host (Node reads the file, a page fetches
 * it once at start, a web worker receives it from the main thread). Until one is set, or when it
 * returns null, every function falls back to the engine's Math.
 */
let source = null;
/** Sets where the compiled library comes from on this thread (see `source`). */
export function setMathSource(get) {
    source = get;
}
/** Path of the built library: beside dist/runtime/, or under dist/ when running from TS source. */
export function libraryUrl() {
    const here = import.meta.url;
    return here.endsWith(".ts") ? new URL("../dist/math/parfor-math.wasm", here) : new URL("../math/parfor-math.wasm", here);
}
function compiled() {
    if (module === undefined || module === null) {
        try {
            // null is not kept: the library may still arrive (a page fetches it)
            module = source?.() ?? null;
        }
        catch {
            module = null; // not built: every function falls back to V8's Math
        }
    }
    return module;
}
/**
 * Every function the library exports (hypot included), instantiated on this thread over `memory`
 * on first use; null when the library is not built.
 */
export function mathLibrary(memory) {
    let lib = instances.get(memory);
    if (lib !== undefined)
        return lib;
    lib = null;
    const m = compiled();
    if (m === null)
        return null; // not kept either (see compiled)
    {
        const ex = new Wasm.Instance(m, { env: { memory } }).exports;
        const need = ex["SCRATCH_BYTES"]?.value ?? Infinity;
        if (!(need <= SCRATCH_SLOT_BYTES)) {
            throw new Error(`parfor internal error: the math library needs ${need} bytes of scratch per thread, slots have ${SCRATCH_SLOT_BYTES}`);
        }
        ex["init"](mathScratchAddress());
        lib = {};
        for (const [name, f] of Object.entries(ex))
            if (typeof f === "function" && name !== "init")
                lib[name] = f;
    }
    instances.set(memory, lib);
    return lib;
}
/** The implementation of `math.<name>` for kernels on this thread: the library's, else V8's Math. */
export function mathFunction(memory, name) {
    const own = LIBRARY_FUNCTIONS.has(name) ? mathLibrary(memory)?.[name] : undefined;
    if (own !== undefined)
        return own;
    const f = Math[name.startsWith("hypot_") ? "hypot" : name];
    return typeof f === "function" ? f : undefined;
}
