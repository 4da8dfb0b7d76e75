/**
 * parfor's public entry. `parallel(fn)` compiles a numeric function with `prange` loops to
 * WebAssembly threads over shared memory; `prange` is an ordinary iterable outside it.
 *
 * This is the entry for Node, Deno and Bun (package.json "exports", condition "default"): it
 * installs the Node host first (worker_threads, the file system, the JIT compiler). Browsers get
 * browser.ts, the same API over Web Workers.
 */
// Installs the Node host. A named import, not `import "./runtime/host/node.js"`: a bare import
// stays in index.d.ts and would pull the host's types (worker_threads, the compiler) into every
// user's type-check.
import { nodeHost } from "./runtime/host/node.js";
void nodeHost;
export { prange } from "./runtime/prange.js";
export { parallel } from "./runtime/parallel.js";
export { vectorize } from "./runtime/vectorize.js";
export { array, free, memoryUsage, shutdown, threads } from "./runtime/api.js";
export { ParforCompileError } from "./compiler/diagnostics/errors.js";
export { ParforRaceError } from "./runtime/race-check.js";
import { prange } from "./runtime/prange.js";
import { parallel } from "./runtime/parallel.js";
import { vectorize } from "./runtime/vectorize.js";
import { array, free, memoryUsage, shutdown, threads } from "./runtime/api.js";
/** Everything as one namespace: `import parfor from "parfor"; parfor.array(Float64Array, n)`. */
const parfor = { parallel, vectorize, prange, array, free, memoryUsage, shutdown, threads };
export default parfor;
