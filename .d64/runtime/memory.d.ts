/**
 * The one shared WebAssembly.Memory every kernel and every worker uses, and a heap allocator over
 * it. The allocator's bookkeeping lives in JS (main thread only): kernels never allocate, and
 * keeping the free list out of wasm memory means a kernel that writes out of bounds cannot corrupt
 * it.
 *
 * Layout: bytes [0, RESERVED_BYTES) hold the control block (see control.ts), then
 * MATH_SCRATCH_BYTES of math-library scratch (see mathlib.ts); the heap starts at HEAP_BASE and
 * always ends at the memory's current byte length.
 *
 * `memory.buffer` is never cached: a grown shared memory hands out a new, longer
 * SharedArrayBuffer, while views made on an older one stay valid for the range they cover (which
 * is why views on the control block or on a frame can be kept).
 */
import { type WasmMemory } from "./wasm.js";
/** Bytes at the start of the memory kept for the control block; the heap begins here. */
export declare const RESERVED_BYTES: number;
/** wasm32 page size. */
export declare const PAGE_BYTES: number;
/**
 * Bytes after the control block kept for the math library's per-thread scratch blocks
 * (runtime/mathlib.ts: one block per thread, used only to reduce huge arguments of sin/cos/tan).
 * The heap begins after them, at HEAP_BASE.
 */
export declare const MATH_SCRATCH_BYTES: number;
/** First heap address: after the control block and the math scratch region. */
export declare const HEAP_BASE: number;
/** wasm32 can address at most 65,536 pages (4 GiB). */
export declare const MAX_PAGES = 65536;
/** The shared memory, created on first use ({initial: 256 pages, maximum: 65536, shared}). */
export declare function sharedMemory(): WasmMemory;
/**
 * The memory's current buffer. Always read it through here (never keep it): after a grow it is a
 * different object, and recording each one lets `isSharedView` recognise views on any of them.
 */
export declare function currentBuffer(): SharedArrayBuffer;
/**
 * True when `view` is a view on parfor's shared memory (then its byteOffset is a wasm address).
 * Reads the view's real buffer, not a `buffer` property it may override.
 */
export declare function isSharedView(view: ArrayBufferView): boolean;
/** Records `[ptr, ptr + size)` as a user array block (api.ts array()). */
export declare function addArrayBlock(ptr: number, size: number): void;
/** Forgets the array block at `ptr` and marks `view` as freed (api.ts free()). */
export declare function removeArrayBlock(ptr: number, view: object): void;
/** Whether `view` was made by parfor.array and freed since. */
export declare function isFreedView(view: object): boolean;
/**
 * Whether the byte range `[offset, offset + bytes)` of the shared memory lies inside one live
 * `parfor.array` block: only then may a kernel use a shared view in place. A view over parfor's
 * control block, a kernel frame or a freed array is refused.
 */
export declare function arrayBlockOf(offset: number, bytes: number): number;
/** Marks the array block at `start` as used by a call until `unpin` (free() refuses it meanwhile). */
export declare function pin(start: number): void;
export declare function unpin(start: number): void;
/** Whether a call in flight uses the array block at `start`. */
export declare function isPinned(start: number): boolean;
/**
 * Allocates `bytes` bytes (rounded up to 16) aligned to `align` (a power of two, at least 16 is
 * used) on the shared heap, first fit, growing the memory when nothing fits. Returns the address.
 * The contents are not cleared. Throws RangeError when the 4 GiB wasm32 limit would be passed.
 */
export declare function alloc(bytes: number, align?: number): number;
/** Returns a block from `alloc` to the heap, merging it with free neighbours. Throws for an unknown address. */
export declare function release(ptr: number): void;
/** True when `ptr` is the address of a live allocation. */
export declare function isLive(ptr: number): boolean;
/** Heap statistics (for tests and diagnostics): live bytes, live blocks, free blocks, memory size. */
export declare function heapStats(): {
    liveBytes: number;
    liveBlocks: number;
    freeBlocks: number;
    memoryBytes: number;
};
