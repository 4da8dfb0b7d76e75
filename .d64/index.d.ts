export { prange, type PRange } from "./runtime/prange.js";
export { parallel, type Explanation, type ParallelKernel, type ParallelOptions } from "./runtime/parallel.js";
export { vectorize, type Vectorized, type VectorizeOptions } from "./runtime/vectorize.js";
export { array, free, memoryUsage, shutdown, threads, type MemoryUsage } from "./runtime/api.js";
export { ParforCompileError } from "./compiler/diagnostics/errors.js";
export type { Diagnostic } from "./compiler/interface.js";
export { ParforRaceError, type Race, type RaceAccess } from "./runtime/race-check.js";
import { prange } from "./runtime/prange.js";
import { parallel } from "./runtime/parallel.js";
import { vectorize } from "./runtime/vectorize.js";
import { array, free, memoryUsage, shutdown, threads } from "./runtime/api.js";
/** Everything as one namespace: `import parfor from "parfor"; parfor.array(Float64Array, n)`. */
declare const parfor: {
    parallel: typeof parallel;
    vectorize: typeof vectorize;
    prange: typeof prange;
    array: typeof array;
    free: typeof free;
    memoryUsage: typeof memoryUsage;
    shutdown: typeof shutdown;
    threads: typeof threads;
};
export default parfor;
