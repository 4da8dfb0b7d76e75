/**
 * The import object of a kernel instance (the same on every thread): the shared memory, prange
 * dispatch, the bounds-error thrower, `%` on doubles and the Math functions wasm lacks (from the
 * math library, runtime/mathlib.ts, falling back to V8's Math).
 */
import { FRAME } from "./control.js";
import { envPrange } from "./dispatch.js";
import { outOfBoundsError } from "./errors.js";
import { mathFunction, mathScratchAddress } from "./mathlib.js";
import { arenaAlloc, arenaMark, arenaReset } from "./arena.js";
import { Wasm } from "./wasm.js";
/**
 * Length of array parameter `name` in the frame of the running call (FRAME in the control block,
 * written by the leader before main or a job runs), or undefined for a name that is not a param.
 */
function arrayLength(memory, ctl, meta, name) {
    const slot = meta.params.find((p) => p.name === name);
    if (slot === undefined || slot.kind !== "array")
        return undefined;
    const frame = Atomics.load(ctl, FRAME) >>> 0;
    return new DataView(memory.buffer, frame, meta.frameSize).getInt32(slot.lengthOffset, true);
}
/**
 * The `env.count` import: iterations of a prange nested in a prange (run serially by one thread),
 * after the same checks as plain prange and as env.prange (int32 bounds, step not zero).
 */
function serialCount(start, stop, step, wide) {
    for (const [name, v] of [["start", start], ["stop", stop], ["step", step]]) {
        if (!Number.isSafeInteger(v))
            throw new TypeError(`prange: ${name} must be a safe integer, got ${v}`);
        if (!wide && (v < -2147483648 || v > 2147483647)) {
            throw new RangeError(`prange: ${name} is ${v}, but this prange loop needs bounds that are 32-bit integers`);
        }
    }
    if (step === 0)
        throw new RangeError("prange: step must not be zero");
    const span = step > 0 ? stop - start : start - stop;
    const count = span <= 0 ? 0 : Math.ceil(span / Math.abs(step));
    if (count > 2147483647)
        throw new RangeError(`prange: ${count} iterations is more than a compiled prange loop runs (2^31 - 1)`);
    return count;
}
/** Builds the imports for one instance of `meta`'s module on this thread. */
export function kernelImports(memory, ctl, meta) {
    const math = {};
    for (const name of meta.mathImports) {
        const f = mathFunction(memory, name);
        if (f === undefined)
            throw new Error(`parfor internal error: kernel ${meta.name} imports unknown math.${name}`);
        math[name] = f;
    }
    return {
        env: {
            memory,
            prange: envPrange,
            oob: (site, index) => {
                const len = arrayLength(memory, ctl, meta, meta.sites[site]?.array ?? "");
                throw outOfBoundsError(meta, site, index, len);
            },
            oobLen: (site, index, length) => {
                throw outOfBoundsError(meta, site, index, length);
            },
            fmod: (a, b) => a % b,
            count: serialCount,
            // arrays the kernel makes (runtime/arena.ts): this thread's arena
            alloc: (count, elementBytes) => arenaAlloc(memory, count, elementBytes),
            mark: arenaMark,
            reset: arenaReset,
            // this thread's scratch block for the math library functions linked into the kernel
            mathScratch: new Wasm.Global({ value: "i32", mutable: false }, mathScratchAddress()),
        },
        math,
    };
}
