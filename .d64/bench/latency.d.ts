/** What bench/cold-start.ts reports, plus the wall time of the whole child process. */
export interface ColdStart {
    readonly scriptStartMs: number;
    readonly importMs: number;
    readonly defineKernelMs: number;
    readonly firstCallMs: number;
    readonly timeToFirstResultMs: number;
    readonly laterCallMs: number;
    /** a second kernel's first call (compile included) and later calls, compiler and pool warm */
    readonly newKernelFirstCallMs: number;
    readonly newKernelLaterCallMs: number;
    readonly firstCorrect: boolean;
    readonly processWallMs: number;
}
/** Spawns `node dist/bench/cold-start.js` and returns its report. */
export declare function coldStart(): ColdStart;
/** Compile time of kernels the process has not seen, with the compiler already loaded. */
export interface CompileTime {
    /** median of `parallel(fn)` itself */
    readonly defineMs: number;
    /** median of (first call - a later call) on a tiny input: the compilation the first call does */
    readonly firstCallExtraMs: number;
    readonly kernels: number;
}
/**
 * Builds `count` kernels that differ only in a constant (so no cache can serve them), and times
 * defining each and its first call against its later calls on a tiny input.
 */
export declare function compileTime(count?: number): CompileTime;
/** Per-call cost of a kernel whose prange loop has 2 iterations, in µs. */
export interface EmptyCall {
    readonly threads: number;
    readonly parforUs: number;
    readonly plainUs: number;
    readonly calls: number;
}
/** Median over batches of `batch` calls (calls = batches × batch), after a warm-up. */
export declare function emptyCall(threads: number, batches?: number, batch?: number): EmptyCall;
