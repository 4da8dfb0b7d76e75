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

/** The element types parfor accepts, keyed by constructor name. */
export type ArrayKind =
  | "Float64Array"
  | "Float32Array"
  | "Int32Array"
  | "Uint32Array"
  | "Int16Array"
  | "Uint16Array"
  | "Int8Array"
  | "Uint8Array"
  | "Uint8ClampedArray";

/** Bytes per element of each array kind. */
export const ELEMENT_BYTES: Readonly<Record<ArrayKind, number>> = {
  Float64Array: 8, Float32Array: 4, Int32Array: 4, Uint32Array: 4, Int16Array: 2, Uint16Array: 2, Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1,
};

/** Scalar parameter kinds of a signature: `f` any number, `i` a number that is an int32 (and not -0), `b` boolean. */
export type ScalarKind = "f" | "i" | "b";

/** One parameter of a specialisation, with where the runtime writes it in the frame. */
export type ParamSlot =
  | { readonly name: string; readonly kind: "f"; readonly offset: number }
  | { readonly name: string; readonly kind: "i"; readonly offset: number }
  | { readonly name: string; readonly kind: "b"; readonly offset: number }
  | {
      readonly name: string;
      readonly kind: "array";
      readonly array: ArrayKind;
      /** i32 byte address of element 0 */
      readonly offset: number;
      /** i32 element count */
      readonly lengthOffset: number;
      readonly read: boolean;
      readonly written: boolean;
      /**
       * The call overwrites every element below `stop` before it reads any (lower/overwrites.ts):
       * when that covers the argument's length, the runtime does not copy the argument in.
       * `stop` is the scalar parameter or the length of the array parameter at that index.
       */
      readonly overwrites?: ArraySlotOverwrite;
    };

/** See ParamSlot's `overwrites`. */
export interface ArraySlotOverwrite {
  readonly stop: { readonly param: number } | { readonly lengthOf: number };
  /**
   * the row lengths m1..mk of a store at the row-major position `i * m1 * ... * mk + ... + jk` over
   * rows `j1 < m1`, ..., `jk < mk`: then [0, stop * m1 * ... * mk) is covered (whole numbers only)
   */
  readonly inner?: readonly ({ readonly param: number } | { readonly lengthOf: number })[];
  /**
   * c > 1 when each position is a record of c elements stored together (`p[2 * e] = …;
   * p[2 * e + 1] = …`): then c times the positions are covered (whole numbers only)
   */
  readonly width?: number;
}

/** A prange loop as the runtime sees it. */
export interface LoopInfo {
  readonly id: number;
  /**
   * frame offsets where env.prange stores the validated start and step: i32 values, or f64 values
   * when `wideIndex` (bounds typed as doubles or beyond int32: the index is carried as a double)
   */
  readonly startOffset: number;
  readonly stepOffset: number;
  readonly wideIndex: boolean;
  /** 2 when the body also runs as a two-lane (f64x2) loop, else 1 */
  readonly lanes: 1 | 2;
  /** bounds checks moved from the body to the chunk entry */
  readonly hoistedChecks: number;
  /**
   * false when the body has no serial loop and no nested prange (each iteration is cheap and of
   * bounded cost: the runtime may use longer chunks); absent in older artifacts (treated as true)
   */
  readonly innerLoops?: boolean;
  /**
   * > 1 when that many consecutive iterations write one 64-byte cache line of some array (a store
   * whose index moves by fewer than 64 bytes per iteration, such as a column loop's `A[i*n + j]`),
   * or 2 for a two-lane body: static and guided chunks then hold at least
   * min(lineChunk, count / 16) iterations, so that two threads rarely write one line and two-lane
   * bodies get pairs; absent in older artifacts (treated as 1)
   */
  readonly lineChunk?: number;
  /** number of reduction specs (scalar and array); `combine_<id>` is exported when non-zero */
  readonly reductions: number;
  /** bytes of scalar partial state per chunk (a multiple of 8) */
  readonly partialBytes: number;
  /**
   * arrays reduced through per-chunk private copies, after the scalar state in this order:
   * `param` indexes `params` (-1 for an array the kernel makes, whose length is the i32 at
   * `lengthOffset` in the frame), each copy takes `elementBytes * length` bytes rounded up to 8
   */
  readonly arrayPartials: readonly { readonly param: number; readonly elementBytes: number; readonly lengthOffset?: number }[];
  /**
   * present when `main` may run the loop itself, as one call of `loop_<id>(frame, 0, count, 0)`,
   * without calling env.prange: it does so when the bounds are int32, the step is not zero and the
   * count is at most the i32 at this frame offset, which `main` zeroes on entry and the runtime
   * raises after env.prange ran the loop (runtime/dispatch.ts: inlineLimit); while such a call
   * runs, the i32 4 bytes on is 1 (so a trap names the loop). Only for loops without reductions;
   * absent in older artifacts
   */
  readonly inlineOffset?: number;
  /**
   * true when the loop has no scalar reductions and every array reduction is exact: an integer
   * array updated only by `++`, `--`, `+=`, `-=`, `|=`, `&=` with int32 values, which wrap (or
   * mask) the same whatever the grouping, so the result does not depend on the chunks: the runtime
   * may use one chunk per thread, and update the arrays in place on one thread; absent: false
   */
  readonly exactArrays?: boolean;
  /** source position of the `prange` call, for error messages */
  readonly line: number;
  readonly column: number;
}

/** Where an array access is, so a bounds error can name it. */
export interface AccessSite {
  readonly array: string;
  readonly line: number;
  readonly column: number;
}

/** "array": `main` returns the array's base address (i32) and stores its length at `returnArray.lengthOffset` in the frame */
export type ReturnKind = "f64" | "i32" | "bool" | "void" | "array";

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
} as const;

export interface CompiledKernel {
  readonly wasm: Uint8Array;
  readonly frameSize: number;
  readonly params: readonly ParamSlot[];
  readonly loops: readonly LoopInfo[];
  readonly returns: ReturnKind;
  /**
   * with `returns: "array"`: the kind of the returned typed array and where `main` leaves its
   * length (i32, a frame offset). The runtime gives back the argument whose frame slot holds that
   * address and length (the very object passed in), or else a copy of the kernel's own array
   */
  readonly returnArray?: { readonly kind: ArrayKind; readonly lengthOffset: number };
  readonly sites: readonly AccessSite[];
  /** Math functions imported under `math.<name>` (field names, e.g. "exp", "hypot_3") */
  readonly mathImports: readonly string[];
  /**
   * Compiled for checked mode (`check: "races"`): every array access inside a prange updates the
   * shadow state at CHECK_LAYOUT (compiler/lower/shadow.ts) before it happens; no two-lane loops.
   */
  readonly checked?: boolean;
  /**
   * Checked mode: the shared scalars (names) that the loops keep in the frame, each with a shadow
   * word in one block whose address is the table entry after the parameters' (index params.length).
   */
  readonly checkedScalars?: readonly string[];
}
