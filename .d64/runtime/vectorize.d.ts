import type { ParallelOptions } from "./options.js";
type Out = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;
/** An argument of a vectorized call: an array of elements or one value for all. */
type Arg = number | boolean | ArrayLike<number>;
type MapArgs<P extends unknown[]> = {
    [K in keyof P]: P[K] | ArrayLike<number>;
};
/** A vectorized function: call it like `f` with arrays where `f` takes numbers. */
export interface Vectorized<F extends (...args: number[]) => number | boolean> {
    (...args: MapArgs<Parameters<F>>): Float64Array;
    /** Writes the results into `out` (any typed array of the arguments' length) and returns it. */
    into<O extends Out>(out: O, ...args: MapArgs<Parameters<F>>): O;
    /** The same as a call, without blocking the event loop. */
    async(...args: MapArgs<Parameters<F>>): Promise<Float64Array>;
    /** The elementwise function. */
    readonly fn: F;
}
/** Options of `vectorize`: those of `parallel` that make sense for a map. */
export type VectorizeOptions = Pick<ParallelOptions, "threads" | "schedule" | "chunkSize" | "fallback" | "globals" | "warnings" | "cache">;
export declare function vectorize<F extends (...args: number[]) => number | boolean>(f: F, options?: VectorizeOptions): Vectorized<F>;
export type { Arg as VectorizeArg };
