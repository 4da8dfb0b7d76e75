/**
 * The arena for arrays a kernel makes itself (`new Float64Array(n)` in a kernel): one per thread,
 * shared by every kernel instance on that thread, used as a stack. A kernel marks it where an
 * array's lifetime starts (a call of main, a loop trip that declares a scratch array) and resets
 * it to the mark where that lifetime ends, so memory follows the deepest live set of arrays,
 * never the iteration count.
 *
 * The arena's regions come from growing the shared memory on this thread (`memory.grow` is
 * atomic: the pages it adds belong to the thread that added them), so no thread waits on another
 * to allocate and the heap in memory.ts (main thread only) never sees them. A region that is
 * outgrown stays in the chain and is used again after a reset; a new region is at least twice
 * the last, so the chain holds at most twice the largest need.
 *
 * Imports (compiler/artifact.ts): env.alloc(count, elementBytes) -> address, after the checks of
 * JavaScript's ToIndex on the length (the kernel zero-fills the block); env.mark() -> address;
 * env.reset(mark).
 */
import type { WasmMemory } from "./wasm.js";
/** Bytes of shared memory this thread's arena holds (for tests and the bench). */
export declare function arenaBytes(): number;
/** The arena's current top (a mark). */
export declare function arenaMark(): number;
/** Releases everything allocated since `mark` (0: everything). */
export declare function arenaReset(mark: number): void;
/**
 * A block for `count` elements of `elementBytes` bytes (16-byte aligned, not cleared). `count`
 * is converted as `new Float64Array(count)` converts it: truncated, NaN is 0, negative or too
 * large is a RangeError.
 */
export declare function arenaAlloc(memory: WasmMemory, count: number, elementBytes: number): number;
