/**
 * The partial block of a prange with reductions (compiler/artifact.ts, LoopInfo.partialBytes and
 * arrayPartials): per chunk, the scalar state, then a private copy of every reduced array. The
 * copies' size is known only at run time (array lengths), so the chunking of such a loop may be
 * coarser than chunkSizeFor's: at most PRIVATE_COPY_BYTES of copies per prange, a bound that
 * depends on the iteration count and the array lengths only, never on the thread count (so float
 * results stay bit-identical across thread counts). When even two copies exceed it, the loop runs
 * as one chunk that updates the arrays in place (bit 0 of the partial address; one thread, exactly
 * the plain loop's results), with one warning per kernel and loop.
 */
import type { LoopInfo } from "../compiler/artifact.js";
import type { KernelMeta } from "./errors.js";
import type { WasmMemory } from "./wasm.js";
/** Most bytes of private array copies a prange's chunks may hold together. */
export declare const PRIVATE_COPY_BYTES: number;
export interface PartialPlan {
    /** bytes between chunks' partial blocks (0: no partial state) */
    readonly stride: number;
    readonly chunk: number;
    readonly chunks: number;
    /** reduced arrays are updated in place by the one chunk */
    readonly inPlace: boolean;
}
/** Bytes of private copies per chunk for the arrays' current lengths (in the frame). */
export declare function arrayCopyBytes(meta: KernelMeta, info: LoopInfo, frame: DataView): number;
/**
 * The chunking and partial layout of one run of loop `info` over `count` iterations (the frame at
 * `frame`) on `threads` threads. A loop whose array reductions are exact (LoopInfo.exactArrays)
 * gives the same bits for any chunks: it takes one chunk per thread, and on one thread updates the
 * arrays in place (no copies, no fold).
 */
export declare function planPartials(meta: KernelMeta, info: LoopInfo, memory: WasmMemory, frame: number, count: number, chunk: number, threads?: number): PartialPlan;
/**
 * Room for the partial blocks of any prange of a call whose arguments are in `frame`, for a
 * thread that cannot allocate (the leader of an async call): the most any loop's plan can take.
 */
export declare function scratchBytesFor(meta: KernelMeta, frame: DataView, maxChunks: number): number;
