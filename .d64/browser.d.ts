/**
 * parfor's entry in a browser (package.json "exports", condition "browser"): the same API as
 * index.ts over the web host (runtime/host/web.ts: Web Workers, waits that never block the
 * page's event loop in `.async`). Kernels come from the bundler plugin (parfor/bundler), which
 * compiles them at build time: this entry loads no compiler and imports no node: module.
 */
import "./runtime/host/web.js";
export { prange, type PRange } from "./runtime/prange.js";
export { parallel, type Explanation, type ParallelKernel, type ParallelOptions } from "./runtime/parallel.js";
export { array, free, memoryUsage, shutdown, threads, type MemoryUsage } from "./runtime/api.js";
export { ParforCompileError } from "./compiler/diagnostics/errors.js";
export type { Diagnostic } from "./compiler/index.js";
export { ParforRaceError, type Race, type RaceAccess } from "./runtime/race-check.js";
import { prange } from "./runtime/prange.js";
import { parallel } from "./runtime/parallel.js";
import { array, free, memoryUsage, shutdown, threads } from "./runtime/api.js";
/**
 * `vectorize` writes a kernel's text at run time, which needs the compiler: not in a page's
 * default bundle. parfor/jit exports one that works; or write the loop as a `parallel()` kernel
 * (the bundler plugin compiles it).
 */
export declare function vectorize(): never;
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
