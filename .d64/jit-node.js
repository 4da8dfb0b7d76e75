/**
 * `parfor/jit` outside a browser (package.json "exports", condition "default"): Node, Deno and
 * Bun load the JIT compiler with parfor itself, so this entry only re-exports `vectorize`; a page
 * gets jit.ts, which installs the compiler in the web host.
 */
import { nodeHost } from "./runtime/host/node.js";
void nodeHost;
export { vectorize } from "./runtime/vectorize.js";
/** True once this module is imported: the compiler is installed. */
export const jitLoaded = true;
