/**
 * The import object of a kernel instance (the same on every thread): the shared memory, prange
 * dispatch, the bounds-error thrower, `%` on doubles and the Math functions wasm lacks (from the
 * math library, runtime/mathlib.ts, falling back to V8's Math).
 */

import { FRAME } from "./control.js";
import { envPrange } from "./dispatch.js";
import { outOfBoundsError, type KernelMeta } from "./errors.js";
import { mathFunction, mathScratchAddress } from "./mathlib.js";
import { arenaAlloc, arenaMark, arenaReset } from "./arena.js";
import { Wasm, type WasmImports, type WasmMemory } from "./wasm.js";

/**
 * Length of array parameter `name` in the frame of the running call (FRAME in the control block,
 * written by the leader before main or a job runs), or undefined for a name that is not a param.
 */
function arrayLength(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta, name: string): number | undefined {
  const slot = meta.params.find((p) => p.name === name);
  if (slot === undefined || slot.kind !== "array") return undefined;
  const frame = Atomics.load(ctl, FRAME) >>> 0;
  return new DataView(memory.buffer, frame, meta.frameSize).getInt32(slot.lengthOffset, true);
}

/**
 * The `env.count` import: iterations of a prange nested in a prange (run serially by one thread),
 * after the same checks as plain prange and as env.prange (int32 bounds, step not zero).
 */
function serialCount(start: number, stop: number, step: number, wide: number): number {
  const narrow = (name: string, v: number): void => {
    if (!wide && (v < -2147483648 || v > 2147483647)) {
      throw new RangeError(`prange: ${name} is ${v}, but this prange loop needs bounds that are 32-bit integers`);
    }
  };
  for (const [name, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
    if (!Number.isSafeInteger(v)) throw new TypeError(`prange: ${name} must be a safe integer, got ${v}`);
    if (name !== "stop") narrow(name, v);
  }
  if (step === 0) throw new RangeError("prange: step must not be zero");
  const span = step > 0 ? stop - start : start - stop;
  const count = span <= 0 ? 0 : Math.ceil(span / Math.abs(step));
  if (count > 2147483647) throw new RangeError(`prange: ${count} iterations is more than a compiled prange loop runs (2^31 - 1)`);
  // an int32 index may stop beyond int32 (\`prange(1, n - 1)\` of n = -2^31 runs no iteration) while every index it takes is int32
  if (count > 0 && (start + (count - 1) * step < -2147483648 || start + (count - 1) * step > 2147483647)) narrow("stop", stop);
  return count;
}

/** Builds the imports for one instance of `meta`'s module on this thread. */
export function kernelImports(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta): WasmImports {
  const math: Record<string, (...xs: number[]) => number> = {};
  for (const name of meta.mathImports) {
    const f = mathFunction(memory, name);
    if (f === undefined) throw new Error(`parfor internal error: kernel ${meta.name} imports unknown math.${name}`);
    math[name] = f;
  }
  return {
    env: {
      memory,
      prange: envPrange,
      oob: (site: number, index: number): never => {
        const len = arrayLength(memory, ctl, meta, meta.sites[site]?.array ?? "");
        throw outOfBoundsError(meta, site, index, len);
      },
      oobLen: (site: number, index: number, length: number): never => {
        throw outOfBoundsError(meta, site, index, length);
      },
      fmod: (a: number, b: number): number => a % b,
      count: serialCount,
      // arrays the kernel makes (runtime/arena.ts): this thread's arena
      alloc: (count: number, elementBytes: number): number => arenaAlloc(memory, count, elementBytes),
      mark: arenaMark,
      reset: arenaReset,
      // this thread's scratch block for the math library functions linked into the kernel
      mathScratch: new Wasm.Global({ value: "i32", mutable: false }, mathScratchAddress()),
    },
    math,
  };
}
