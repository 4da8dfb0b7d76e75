/**
 * `prange` outside compiled code: an ordinary iterable over start, start+step, ... (exclusive of
 * stop), so an unwrapped kernel runs unchanged and serves as the reference for every result.
 * Inside a compiled kernel the call is recognised by name and never executed.
 */
/** The iterable `prange` returns in plain JavaScript. */
export interface PRange extends Iterable<number> {
    readonly start: number;
    readonly stop: number;
    readonly step: number;
    /** number of iterations */
    readonly length: number;
}
/**
 * Marks a loop whose iterations may run in parallel: `for (const i of prange(n))`.
 * `prange(stop)`, `prange(start, stop)` and `prange(start, stop, step)` follow Python's `range`:
 * integers only, `step` may be negative but not zero.
 */
export declare function prange(stop: number): PRange;
export declare function prange(start: number, stop: number, step?: number): PRange;
