/**
 * Checked mode (`parallel(fn, { check: "races" })` or PARFOR_CHECK=races): a dynamic race checker
 * for the inputs a call is given, the second opinion that static analysis cannot give for index
 * arrays and the like. A kernel compiled for it runs its own `shadow` function
 * (compiler/lower/shadow.ts) before every array access inside a prange: per element of each array
 * parameter, three i64 words (last writer, two readers), each tagged with the prange's epoch, the
 * iteration's ordinal and the access site. Two accesses to one element by different iterations of
 * one prange, at least one a write, are a race whatever the schedule or thread count, so a report
 * never depends on timing and a clean run is clean on any number of threads.
 *
 * This file owns the state around it: shadow blocks allocated (and zeroed) per call with their
 * addresses in the control block's table (CHECK_LAYOUT), a new epoch per prange instead of
 * clearing the blocks, and the log turned into one ParforRaceError when the call ends.
 */
import type { KernelMeta } from "./errors.js";
import type { WasmMemory } from "./wasm.js";
/** One access of a race. */
export interface RaceAccess {
    /** the value of the prange's index in that iteration */
    readonly iteration: number;
    readonly access: "read" | "write";
    /** `file:line:column` (or `kernel name line l:c`) of the access in the source */
    readonly position: string;
    /** the file, when known, and the 1-based line and column there */
    readonly file?: string;
    readonly line: number;
    readonly column: number;
}
/** Two iterations of one prange that touched one element (or shared scalar), at least one writing it. */
export interface Race {
    /** the array, or the shared scalar (a variable declared outside the prange) */
    readonly array: string;
    /** the element; null for a shared scalar */
    readonly index: number | null;
    readonly first: RaceAccess;
    readonly second: RaceAccess;
}
/** Thrown by a checked call whose prange iterations raced on the inputs it was given. */
export declare class ParforRaceError extends Error {
    /** every race found (one per element, in the order found), at most CHECK_CAPACITY */
    readonly races: readonly Race[];
    /** true when more races were found than recorded */
    readonly truncated: boolean;
    readonly name = "ParforRaceError";
    constructor(message: string, 
    /** every race found (one per element, in the order found), at most CHECK_CAPACITY */
    races: readonly Race[], 
    /** true when more races were found than recorded */
    truncated: boolean);
}
/** Shadow blocks of a checked call: kept per kernel between calls, a new epoch per prange. */
export interface CheckedCall {
    /** the races found, as an error to throw, or null */
    error(): ParforRaceError | null;
    release(): void;
}
/** Points the shadow table at the state of a checked call of `meta` with the frame at `frame`, and resets the log. */
export declare function beginChecked(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta, frame: number): CheckedCall;
/**
 * Before a prange of a checked kernel runs: a new epoch, so every shadow word of earlier pranges
 * (and calls) reads as empty without touching the state, and the prange's start and step. When
 * the 16-bit epoch wraps, all shadow state is cleared and counting starts again at 1.
 */
export declare function resetShadows(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta, frame: number, start: number, step: number): void;
