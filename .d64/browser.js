/**
 * parfor's entry in a browser (package.json "exports", condition "browser"): the same API as
 * index.ts over the web host (runtime/host/web.ts: Web Workers, waits that never block the
 * page's event loop in `.async`). Kernels come from the bundler plugin (parfor/bundler), which
 * compiles them at build time: this entry loads no compiler and imports no node: module.
 */
import "./runtime/host/web.js";
export { prange } from "./runtime/prange.js";
export { parallel } from "./runtime/parallel.js";
export { array, free, memoryUsage, shutdown, threads } from "./runtime/api.js";
export { ParforCompileError } from "./compiler/diagnostics/errors.js";
export { ParforRaceError } from "./runtime/race-check.js";
import { prange } from "./runtime/prange.js";
import { parallel } from "./runtime/parallel.js";
import { array, free, memoryUsage, shutdown, threads } from "./runtime/api.js";
/**
 * `vectorize` writes a kernel's text at run time, which needs the compiler: not in a page's
 * default bundle. parfor/jit exports one that works; or write the loop as a `parallel()` kernel
 * (the bundler plugin compiles it).
 */
export function vectorize() {
    throw new Error("parfor: vectorize() needs the JIT compiler, which is not part of the browser build: use the vectorize of parfor/jit (const { vectorize } = await import(\"parfor/jit\")), or write the map as a parallel() kernel with a prange loop");
}
/** Everything as one namespace: `import parfor from "parfor"; parfor.array(Float64Array, n)`. */
const parfor = { parallel, vectorize, prange, array, free, memoryUsage, shutdown, threads };
export default parfor;
