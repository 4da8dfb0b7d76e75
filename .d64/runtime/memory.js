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
import { viewFacts } from "./views.js";
import { Wasm } from "./wasm.js";
/** Bytes at the start of the memory kept for the control block; the heap begins here. */
export const RESERVED_BYTES = 64 * 1024;
/** wasm32 page size. */
export const PAGE_BYTES = 64 * 1024;
/**
 * Bytes after the control block kept for the math library's per-thread scratch blocks
 * (runtime/mathlib.ts: one block per thread, used only to reduce huge arguments of sin/cos/tan).
 * The heap begins after them, at HEAP_BASE.
 */
export const MATH_SCRATCH_BYTES = 5 * PAGE_BYTES;
/** First heap address: after the control block and the math scratch region. */
export const HEAP_BASE = RESERVED_BYTES + MATH_SCRATCH_BYTES;
/** wasm32 can address at most 65,536 pages (4 GiB). */
export const MAX_PAGES = 65536;
const INITIAL_PAGES = 256; // 16 MiB
let memory = null;
/** Every SharedArrayBuffer object `memory.buffer` has returned here: views on them are ours. */
const ourBuffers = new WeakSet();
/** Free blocks, sorted by address, never adjacent (they are coalesced). */
const freeList = [];
/** Live allocations: address handed out -> size in bytes. */
const live = new Map();
let liveBytes = 0;
/** The shared memory, created on first use ({initial: 256 pages, maximum: 65536, shared}). */
export function sharedMemory() {
    if (memory === null) {
        memory = new Wasm.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
        freeList.push({ ptr: HEAP_BASE, size: memory.buffer.byteLength - HEAP_BASE });
    }
    return memory;
}
/**
 * The memory's current buffer. Always read it through here (never keep it): after a grow it is a
 * different object, and recording each one lets `isSharedView` recognise views on any of them.
 */
export function currentBuffer() {
    const buf = sharedMemory().buffer;
    ourBuffers.add(buf);
    return buf;
}
/**
 * True when `view` is a view on parfor's shared memory (then its byteOffset is a wasm address).
 * Reads the view's real buffer, not a `buffer` property it may override.
 */
export function isSharedView(view) {
    const f = viewFacts(view);
    return f !== null && ourBuffers.has(f.buffer);
}
/** Blocks handed out by `parfor.array` and not freed: start -> size. */
const arrayBlocks = new Map();
/** Their starts, sorted, for finding the block that holds a byte range. */
let arrayStarts = [];
/** Views made by `parfor.array` and freed since: a kernel must never use them. */
const freedViews = new WeakSet();
/** Records `[ptr, ptr + size)` as a user array block (api.ts array()). */
export function addArrayBlock(ptr, size) {
    arrayBlocks.set(ptr, size);
    arrayStarts.splice(lowerBound(arrayStarts, ptr), 0, ptr);
}
/** Forgets the array block at `ptr` and marks `view` as freed (api.ts free()). */
export function removeArrayBlock(ptr, view) {
    arrayBlocks.delete(ptr);
    arrayStarts = arrayStarts.filter((p) => p !== ptr);
    freedViews.add(view);
}
/** Whether `view` was made by parfor.array and freed since. */
export function isFreedView(view) {
    return freedViews.has(view);
}
/**
 * Whether the byte range `[offset, offset + bytes)` of the shared memory lies inside one live
 * `parfor.array` block: only then may a kernel use a shared view in place. A view over parfor's
 * control block, a kernel frame or a freed array is refused.
 */
export function arrayBlockOf(offset, bytes) {
    const k = lowerBound(arrayStarts, offset + 1) - 1;
    if (k < 0)
        return -1;
    const start = arrayStarts[k];
    return offset >= start && offset + bytes <= start + arrayBlocks.get(start) ? start : -1;
}
/** Array blocks that a call in flight uses in place -> number of such uses. */
const pins = new Map();
/** Marks the array block at `start` as used by a call until `unpin` (free() refuses it meanwhile). */
export function pin(start) {
    pins.set(start, (pins.get(start) ?? 0) + 1);
}
export function unpin(start) {
    const n = (pins.get(start) ?? 1) - 1;
    if (n <= 0)
        pins.delete(start);
    else
        pins.set(start, n);
}
/** Whether a call in flight uses the array block at `start`. */
export function isPinned(start) {
    return pins.has(start);
}
/** First index in sorted `xs` whose value is >= v. */
function lowerBound(xs, v) {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (xs[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
function alignUp(v, a) {
    return Math.ceil(v / a) * a;
}
/** Grows the memory so that a free block of at least `bytes` (aligned to `align`) exists at the end. */
function growFor(bytes, align) {
    const mem = sharedMemory();
    const oldEnd = mem.buffer.byteLength;
    // The new space joins the last free block when that block ends at the old end.
    const last = freeList[freeList.length - 1];
    const tailStart = last !== undefined && last.ptr + last.size === oldEnd ? last.ptr : oldEnd;
    const needEnd = alignUp(tailStart, align) + bytes;
    const oldPages = oldEnd / PAGE_BYTES;
    // Grow by at least half again, so a run of small allocations does not grow page by page.
    const wantPages = Math.max(Math.ceil(needEnd / PAGE_BYTES), Math.min(MAX_PAGES, Math.ceil(oldPages * 1.5)));
    if (Math.ceil(needEnd / PAGE_BYTES) > MAX_PAGES) {
        throw new RangeError(`parfor: shared memory is full: wasm32 allows at most 4 GiB, ${formatBytes(liveBytes)} are in use ` +
            `and ${formatBytes(bytes)} more were requested (free arrays you no longer need with parfor.free)`);
    }
    let prev;
    try {
        prev = mem.grow(wantPages - oldPages);
    }
    catch (e) {
        throw new RangeError(`parfor: could not grow shared memory to ${formatBytes(wantPages * PAGE_BYTES)}: ${e.message}`);
    }
    // the pages this grow added (a kernel's arena may have grown the memory since oldEnd was read:
    // runtime/arena.ts; those pages are the arena's, never the heap's)
    const from = prev * PAGE_BYTES;
    const added = (wantPages - oldPages) * PAGE_BYTES;
    if (last !== undefined && last.ptr + last.size === from)
        last.size += added;
    else
        freeList.push({ ptr: from, size: added });
}
function formatBytes(n) {
    if (n >= 1024 * 1024 * 1024)
        return `${(n / 1024 ** 3).toFixed(2)} GiB`;
    if (n >= 1024 * 1024)
        return `${(n / 1024 ** 2).toFixed(1)} MiB`;
    return `${n} bytes`;
}
/**
 * Allocates `bytes` bytes (rounded up to 16) aligned to `align` (a power of two, at least 16 is
 * used) on the shared heap, first fit, growing the memory when nothing fits. Returns the address.
 * The contents are not cleared. Throws RangeError when the 4 GiB wasm32 limit would be passed.
 */
export function alloc(bytes, align = 16) {
    sharedMemory();
    const size = Math.max(16, alignUp(bytes, 16));
    const a = Math.max(16, align);
    for (let attempt = 0; attempt < 3; attempt++) {
        for (let k = 0; k < freeList.length; k++) {
            const blk = freeList[k];
            const start = alignUp(blk.ptr, a);
            const end = start + size;
            const blkEnd = blk.ptr + blk.size;
            if (end > blkEnd)
                continue;
            // Split: keep the front gap (alignment) and the tail as free blocks.
            const pieces = [];
            if (start > blk.ptr)
                pieces.push({ ptr: blk.ptr, size: start - blk.ptr });
            if (blkEnd > end)
                pieces.push({ ptr: end, size: blkEnd - end });
            freeList.splice(k, 1, ...pieces);
            live.set(start, size);
            liveBytes += size;
            return start;
        }
        if (attempt < 2)
            growFor(size, a);
    }
    throw new Error("parfor internal error: allocation failed after growing the memory");
}
/** Returns a block from `alloc` to the heap, merging it with free neighbours. Throws for an unknown address. */
export function release(ptr) {
    const size = live.get(ptr);
    if (size === undefined)
        throw new Error(`parfor internal error: release of unknown heap address ${ptr}`);
    live.delete(ptr);
    liveBytes -= size;
    // Binary search for the insertion point.
    let lo = 0;
    let hi = freeList.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (freeList[mid].ptr < ptr)
            lo = mid + 1;
        else
            hi = mid;
    }
    const blk = { ptr, size };
    const prev = freeList[lo - 1];
    const next = freeList[lo];
    if (prev !== undefined && prev.ptr + prev.size === ptr) {
        prev.size += size;
        if (next !== undefined && prev.ptr + prev.size === next.ptr) {
            prev.size += next.size;
            freeList.splice(lo, 1);
        }
    }
    else if (next !== undefined && ptr + size === next.ptr) {
        next.ptr = ptr;
        next.size += size;
    }
    else {
        freeList.splice(lo, 0, blk);
    }
}
/** True when `ptr` is the address of a live allocation. */
export function isLive(ptr) {
    return live.has(ptr);
}
/** Heap statistics (for tests and diagnostics): live bytes, live blocks, free blocks, memory size. */
export function heapStats() {
    return {
        liveBytes,
        liveBlocks: live.size,
        freeBlocks: freeList.length,
        memoryBytes: memory === null ? 0 : memory.buffer.byteLength,
    };
}
