/**
 * The compiler's output and the runtime's input: plain, frozen data that describes one compiled
 * specialisation of a kernel. Nothing here refers to TypeScript nodes or to the encoder, so a
 * precompiled artifact can be stored as JSON next to its .wasm bytes.
 *
 * The wasm module's interface (the runtime relies on exactly this):
 *
 *   imports
 *     env.memory              shared memory (WebAssembly.Memory, shared: true)
 *     env.prange(loop:i32, frame:i32, start:f64, stop:f64, step:f64)
 *                             called by `main` when it reaches prange loop `loop`; it validates
 *                             the bounds (safe integers; int32 unless `wideIndex`; at most
 *                             2^31-1 iterations), writes `startOffset`/`stepOffset` into the frame,
 *                             runs every chunk through `loop_<loop>` on the pool, then calls
 *                             `combine_<loop>` once, and returns. `main` reloads live-outs after.
 *     env.oob(site:i32, index:f64)
 *                             throws the RangeError for access site `site`; never returns.
 *     math.<name>             Math functions wasm lacks (exp, sin, pow, ...), each bit-identical to
 *                             V8's Math.<name>: the runtime links parfor's math library (math/),
 *                             falling back to JavaScript's Math. `hypot` with other than two
 *                             arguments is imported as `math.hypot_<n>`.
 *     env.fmod(a:f64, b:f64) -> f64   JavaScript's `%` on doubles.
 *     env.mathScratch         i32 global (immutable): this thread's scratch block for the math
 *                             library functions linked into the module (huge-argument sin/cos/tan)
 *     env.alloc(count:f64, elementBytes:i32) -> i32, env.mark() -> i32, env.reset(mark:i32)
 *                             arrays the kernel makes (runtime/arena.ts): a block for `count`
 *                             elements from this thread's arena (the kernel zero-fills it;
 *                             RangeError for a length `new` refuses); the arena's top; release
 *                             everything above a mark (0: all). Imported only by kernels that make arrays.
 *     env.oobLen(site:i32, index:f64, length:i32)
 *                             env.oob for an array the kernel made (its length is not in the frame)
 *     env.count(start:f64, stop:f64, step:f64, wide:i32) -> i32
 *                             for a prange nested in a prange (run serially by one thread):
 *                             validates the bounds exactly as env.prange does (int32 bounds
 *                             unless `wide`) and returns the number of iterations.
 *   exports
 *     main(frame:i32) -> f64 | i32 | ()          the kernel body, run by the leader thread
 *     loop_<k>(frame:i32, itLo:i32, itHi:i32, partial:i32)
 *                             runs iterations [itLo, itHi) of prange loop k (iteration numbers,
 *                             not index values: index = start + it * step) and, when the loop has
 *                             reductions, keeps this chunk's partial state at `partial`: first
 *                             `partialBytes` of scalar state (8 bytes per reduced variable, 16 for
 *                             the key of a compound reduction: value, then an i32 "updated" flag),
 *                             then one private copy per entry of `arrayPartials` (the array's
 *                             element type, `elementBytes * length` rounded up to 8 bytes), each
 *                             starting from the operator's identity. Bit 0 of `partial` set (one
 *                             chunk only, see runtime/partials.ts): the arrays are updated in place.
 *     combine_<k>(frame:i32, partialBase:i32, chunks:i32)
 *                             folds the loop's pre-loop values (in the frame) with the partials of
 *                             chunks 0..chunks-1 in that order and writes the results back to the
 *                             frame; folds the private copies into their arrays element by element
 *                             in chunk order (not when bit 0 of partialBase is set). Chunks are
 *                             `partialStride` bytes apart. Exported only when the loop has reductions.
 */
/** One compiled specialisation. */
/**
 * Set in the loop number a kernel passes to `env.prange` when the loop must run in order on the
 * calling thread this time: a run-time assumption of its race proof failed (LoopModel.serialUnless).
 */
export const PRANGE_IN_ORDER = 0x40000000;
/**
 * Checked mode's fixed places in the control block (bytes from address 0; runtime/control.ts
 * keeps the rest of the block clear of them): the race log, the running prange's epoch, start
 * and step, and per array parameter the address of its shadow state.
 */
export const CHECK_LAYOUT = {
    /** i32: races logged (claimed with an atomic add) */
    countByte: 40960,
    /** i32: epoch of the running prange, 1..65535; shadow words of other epochs are empty */
    epochByte: 40964,
    /** f64 each: the running prange's start and step (ordinals are (i - start) / step) */
    startByte: 40968,
    stepByte: 40976,
    /** the log: `capacity` records of 7 doubles (kind, param, index, other iteration, other site, iteration, site) */
    recordsByte: 40984,
    capacity: 128,
    recordFields: 7,
    /** i32 per parameter: byte address of its shadow state (0: not checked) */
    tableByte: 48384,
    maxParams: 2048,
    /** per element: writer, reader, second reader, each an i64 epoch << 48 | (ordinal + 1) << 16 | site */
    elementBytes: 24,
};
