export type Arr = Float64Array | Float32Array | Int32Array;
export type Arg = number | boolean | Arr;
export type Size = "test" | "bench";
export interface RealKernel {
    readonly name: string;
    /** the suite and the routine it is ported from */
    readonly from: string;
    readonly kernel: (...args: any[]) => unknown;
    /** inputs for one call: small for the test, larger for the benchmark */
    readonly inputs: (rng: Rng, size: Size) => Arg[];
    /** module-level helpers and constants the kernel calls (passed as parallel's `globals`) */
    readonly globals?: Record<string, number | ((...a: never[]) => unknown)>;
    /**
     * a float reduction decides results: arrays and the return value must be within `tol`
     * (relative to the array's largest magnitude) of the plain port, and identical in bits across
     * thread counts, array kinds and runs
     */
    readonly reduction?: {
        readonly tol: number;
    };
    /** race diagnostics parfor reports on this kernel (all of them false positives: see README) */
    readonly warns?: readonly string[];
    /** why the kernel cannot compile yet (a feature being built elsewhere) */
    readonly pending?: string;
}
export { Rng } from "../rng.js";
import { Rng } from "../rng.js";
export declare const corpus: readonly RealKernel[];
